def id_param(value) -> int | None:
    """A database id from a query string, or None for anything else (huge numbers too)."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number < 2**63 else None
