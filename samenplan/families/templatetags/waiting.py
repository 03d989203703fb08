"""What waits for the person looking, in one family, for the header and the family home."""

from django import template

from samenplan.families.models import WaitingItem

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_for_me(context, family):
    """This person's own waiting items in ``family`` (one query per page)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or family is None:
        return []
    cache = request.__dict__.setdefault("_samenplan_waiting", {})
    if family.pk not in cache:
        cache[family.pk] = list(
            WaitingItem.objects.filter(
                user=request.user, family_id=family.pk, kind=WaitingItem.Kind.MINE
            ).order_by("-late", "due", "created_at", "id")
        )
    return cache[family.pk]
