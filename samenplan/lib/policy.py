"""The Permissions-Policy header: what the browser may give a page.

Every page gets none of the powerful features; a page that needs one (the
microphone, where a child records a voice note) names it and gets only that,
for our own origin.
"""

FEATURES = (
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
    "interest-cohort",
)


def permissions_policy(*allowed: str) -> str:
    return ", ".join(
        f"{feature}=(self)" if feature in allowed else f"{feature}=()" for feature in FEATURES
    )
