"""Mail leaves through the task queue, never from inside a web request.

The texts are made where they belong (an invitation, a new account); this only
hands them to the worker. Mail never holds family content.
"""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_plain_mail(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, None, recipients)


def mail_later(subject: str, body: str, recipients: list[str]) -> None:
    """Queue one plain mail (call it after the change committed)."""
    send_plain_mail.enqueue(str(subject), str(body), list(recipients))
