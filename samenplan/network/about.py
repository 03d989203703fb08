"""Reading "Wie zijn wij": what the family wrote about itself, for whom it chose."""

from __future__ import annotations

from samenplan.families.access import FamilyAccess

from .models import AboutUs, ChildTalent


def about_us_for(access: FamilyAccess) -> tuple[AboutUs | None, list[dict]]:
    """What the family wrote about itself that this person may read, and each
    child's talents (children without words left out)."""
    about = AboutUs.objects.visible_to(access).first()
    if about is None:
        return None, []
    talents = {t.member_id: t for t in ChildTalent.objects.visible_to(access).filter(about=about)}
    children = []
    for member in access.members:
        talent = talents.get(member.pk)
        if member.is_child and talent and (talent.good_at or talent.likes):
            children.append({"member": member, "good_at": talent.good_at, "likes": talent.likes})
    return about, children


def about_texts(about: AboutUs | None) -> list[tuple[str, str]]:
    if about is None:
        return []
    return [
        (AboutUs._meta.get_field(name).verbose_name, getattr(about, name))
        for name in AboutUs.TEXTS
        if getattr(about, name).strip()
    ]
