"""What a child made, for the page "Stem van …"."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenplan.families.voice import Said, voice_of

from .models import Creation

WHAT = {
    Creation.Kind.DRAWING: gettext_lazy("maakte een tekening"),
    Creation.Kind.PHOTO: gettext_lazy("deelde een foto"),
    Creation.Kind.VOICE: gettext_lazy("sprak een bericht in"),
}


@voice_of
def made(access, child):
    rows = (
        Creation.objects.visible_to(access)
        .current()
        .filter(member=child.member)
        .select_related("created_by")
        .defer("content")
    )
    for creation in rows:
        url = reverse("creations:file", args=[access.family.pk, creation.pk])
        yield Said(
            at=creation.created_at,
            what=str(WHAT.get(creation.kind, WHAT[Creation.Kind.DRAWING])),
            words=[(_("Wat is het?"), creation.title)] if creation.title else [],
            picture=url if creation.is_image else "",
            sound=url if not creation.is_image else "",
            added_by=""
            if creation.by_child or creation.created_by_id in child.user_ids
            else creation.created_by.name,
            phone_of=creation.created_by.name if creation.by_child else "",
            private=creation.audience == Creation.Audience.CHOSEN,
        )
