"""Who may see what: the queryset every family model uses, and its registries.

Every family model's queryset is a ``FamilyQuerySet``, so
``Model.objects.visible_to(access)`` answers "what may this person see". What
is hidden is worked out once per request on ``FamilyAccess`` (``marked``,
``hidden``, ``unconsented_owners``; see ``samenplan/families/visibility.py``),
from four sources:

1. A youth's private items (``PrivateItem``): hidden from everyone but the
   youth and the people they chose, and everything attached to them with them.
2. The consent scope: what each consent giver left out for a participant; the
   union of all givers' choices counts (``ConsentExclusion``).
3. A person's own items (their goals, views, future pictures, agreements)
   reach someone who needs consent only with that person's own consent.
4. Rules of one model — drafts of the family group plan, other people's
   answers to a check — in that model's queryset (``rules``).

A model says how it hangs on others with ``parents`` (``{"goal": "plan.goal"}``:
hidden with its goal) and whose own item it is with ``owners`` (lookups that
end in a member id). Features register the kinds of item a consent giver can
leave out (``scope_kind``) and the kinds a youth may keep private
(``private_kind``). This module knows no app; it lives here so that every app,
the audit log included, can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from samenplan.families.access import FamilyAccess


@dataclass(frozen=True)
class ScopeKind:
    """A kind of item a consent giver may leave out of someone's consent."""

    kind: str  # stored in ConsentExclusion.kind
    label: str  # the model, e.g. "plan.goal"
    title: str  # plural, for the consent page ("doelen")
    whole: bool = False  # left out as a whole (the family group plan), not item by item


SCOPE_KINDS: dict[str, ScopeKind] = {}


def scope_kind(kind: str, label: str, title, *, whole: bool = False) -> None:
    """A feature registers something consent givers can leave out."""
    SCOPE_KINDS[kind] = ScopeKind(kind, label, title, whole)


class FamilyQuerySet(models.QuerySet):
    """Rows of one family, as a given person may see them."""

    # lookup on this model -> label of the model it hangs on
    parents: dict[str, str] = {}
    # lookups that end in the id of the member whose own item this is
    owners: tuple[str, ...] = ()
    # (type field, id field): rows that point at any family row by model name
    refers_to: tuple[str, str] | None = None
    # the labels ``refers_to`` can point at, when fewer than every hideable kind
    refers_to_labels: tuple[str, ...] = ()
    # rows worked out from the others (what waits for whom): not exported, not moved
    derived: bool = False

    def for_family(self, family_id):
        return self.filter(family_id=family_id)

    def visible_to(self, access: FamilyAccess):
        queryset = self.filter(family_id=access.family.pk)
        label = self.model._meta.label_lower
        if label in access.scope_all:
            return queryset.none()
        marked = access.marked(label)
        if marked:
            queryset = queryset.exclude(pk__in=marked)
        for lookup, parent in self.parents.items():
            hidden = access.hidden(parent)
            if hidden:
                queryset = queryset.exclude(**{f"{lookup}__in": hidden})
        owners = access.unconsented_owners
        if owners:
            for lookup in self.owners:
                queryset = queryset.exclude(**{f"{lookup}__in": owners})
        if self.refers_to:
            queryset = self._without_hidden_references(queryset, access)
        return self.rules(queryset, access)

    def rules(self, queryset, access: FamilyAccess):
        """Rules of this model only; the default has none."""
        return queryset

    def _without_hidden_references(self, queryset, access):
        type_field, id_field = self.refers_to
        for label in self.refers_to_labels or hideable_labels():
            hidden = access.hidden(label)
            if hidden:
                model_name = label.split(".", 1)[1]
                queryset = queryset.exclude(
                    models.Q(**{type_field: model_name, f"{id_field}__in": hidden})
                )
        return queryset

    @classmethod
    def is_simple(cls) -> bool:
        """Whether ``marked`` alone says what is hidden (no query needed)."""
        return not cls.parents and not cls.owners and cls.rules is FamilyQuerySet.rules


def family_models() -> list[type[models.Model]]:
    """Every model of Samenplan with a ``family`` foreign key, parents before children.

    Exports, imports and destruction all walk this list; a new family model
    is in it without anyone remembering.
    """
    Family = apps.get_model("families", "Family")
    found = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("samenplan.")
        and any(
            f.name == "family" and f.is_relation and f.related_model is Family
            for f in model._meta.get_fields()
        )
    ]
    return _dependency_order(found)


def _dependency_order(found: list) -> list:
    """Parents before children. Links that form a cycle must be nullable; an import
    fills those in afterwards."""
    ordered: list = []
    pending = sorted(found, key=lambda m: m._meta.label_lower)

    def needs(model, strict: bool) -> set:
        return {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation
            and f.related_model in pending
            and f.related_model is not model
            and (strict or not f.null)
        }

    while pending:
        ready = [m for m in pending if not needs(m, strict=True)]
        if not ready:
            ready = [m for m in pending if not needs(m, strict=False)][:1] or pending[:1]
        for model in ready:
            ordered.append(model)
            pending.remove(model)
    return ordered


# Models of which a youth may keep an item to themselves.
PRIVATE_KINDS: set[str] = set()


def private_kind(label: str) -> None:
    """A feature says a youth may keep items of this model to themselves."""
    PRIVATE_KINDS.add(label)


_HIDEABLE: list[str] | None = None


def hideable_labels() -> list[str]:
    """Models whose rows can be hidden from someone (what log lines may point at)."""
    global _HIDEABLE
    if _HIDEABLE is None:
        private_or_scoped = {k.label for k in SCOPE_KINDS.values()} | set(PRIVATE_KINDS)
        _HIDEABLE = sorted(
            model._meta.label_lower
            for model in family_models()
            if isinstance(model._default_manager.all(), FamilyQuerySet)
            and not type(model._default_manager.all()).refers_to
            and not type(model._default_manager.all()).derived
            and (
                model._meta.label_lower in private_or_scoped
                or not type(model._default_manager.all()).is_simple()
            )
        )
    return _HIDEABLE
