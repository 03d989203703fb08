from datetime import date


def age_on(birth_date: date, on: date) -> int:
    """Whole years between ``birth_date`` and ``on``.

    Someone born on 29 February turns a year older on 1 March in other years,
    as Dutch law counts it.
    """
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def years_before(on: date, years: int, days: int = 0) -> date:
    """The date ``years`` years and ``days`` days before ``on`` (28 Feb for 29 Feb)."""
    from datetime import timedelta

    try:
        moved = on.replace(year=on.year - years)
    except ValueError:
        moved = on.replace(year=on.year - years, day=28)
    return moved - timedelta(days=days)


def local_midnight(day: date):
    """The start of ``day`` in the installation's time zone, as an aware moment."""
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time.min))
