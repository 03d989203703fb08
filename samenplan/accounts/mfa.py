"""Second-factor secrets are stored encrypted (allauth's MFA adapter hooks).

TOTP keys and the seed of the recovery codes are encrypted with Fernet
(``cryptography``, already installed for passkeys) under the keys in
``SAMENPLAN_SECRETS_KEYS`` (comma-separated Fernet keys: the first encrypts,
all decrypt, so a new key is put first and ``manage.py rotate_secrets``
re-encrypts everything). Without that setting a key is derived from
``SECRET_KEY``. Stored values start with ``fernet:``; a value without it is
from before encryption and is read as it is until ``rotate_secrets`` runs.
"""

from __future__ import annotations

import base64
from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet:"


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if keys:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"samenplan mfa secrets"
    ).derive(secret_key.encode())
    return MultiFernet([Fernet(base64.urlsafe_b64encode(derived))])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.SAMENPLAN_SECRETS_KEYS), settings.SECRET_KEY)


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()


def rotate(stored: str) -> str:
    """The value encrypted under the first key (plain values get encrypted)."""
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode()).decode()


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
