"""A meeting as an iCalendar file (RFC 5545), for the person's own calendar.

Calendars are often synced to outside services, so the file holds no content
of the plan: the family's name as the family wrote it in Samenplan (a
professional with thirty "Overleg" entries could not tell them apart), the time,
the place and a link back to the meeting in Samenplan (which asks for a login).
The meeting page says so beside the download.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting


def meeting_ics(meeting: Meeting, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Samenplan//Overleg//NL")
    calendar.add("version", "2.0")
    # RFC 5546: the same UID with a higher SEQUENCE replaces the event in the
    # person's calendar; METHOD:CANCEL with STATUS:CANCELLED takes it out.
    calendar.add("method", "CANCEL" if meeting.cancelled_at else "PUBLISH")
    event = Event()
    host = settings.SITE_ROOT.split("//")[-1].strip("/") or "samenplan"
    event.add("uid", f"overleg-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.minutes))
    family = meeting.family.name
    event.add("summary", _("Overleg %(family)s (Samenplan)") % {"family": family})
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.place_kind == Meeting.Place.HOME:
        event.add("location", _("Thuis bij %(family)s") % {"family": family})
    else:
        event.add("location", meeting.get_place_kind_display())
    event.add(
        "description", _("De agenda en het verslag staan in Samenplan: %(url)s") % {"url": url}
    )
    event.add("url", url)
    event.add("sequence", meeting.version)
    event.add("status", "CANCELLED" if meeting.cancelled_at else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
