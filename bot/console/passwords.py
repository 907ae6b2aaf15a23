"""Password hashing with scrypt (stdlib hashlib).

A hash is stored as `scrypt$<n>$<r>$<p>$<salt>$<key>` (salt and key in unpadded base64), so the
cost parameters can be raised later: hashes made with the old ones still verify, and
needs_rehash() tells the caller to store a new hash at the next successful sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

SCHEME = "scrypt"
SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost parameters (RFC 7914), stored with each hash."""

    n: int  # CPU/memory cost, a power of two
    r: int  # block size
    p: int  # parallelism

    @property
    def memory(self) -> int:
        """Bytes scrypt needs (128 * n * r), which hashlib must be allowed to use."""
        return 128 * self.n * self.r


# OWASP's Password Storage Cheat Sheet lists n=2^15, r=8, p=3 as equivalent to its first choice
# (n=2^17, r=8, p=1) with a quarter of the memory (32 MiB): kinder to a small web server.
CURRENT = ScryptParams(n=2**15, r=8, p=3)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _derive(password: str, salt: bytes, params: ScryptParams) -> bytes:
    # NFKC first (NIST SP 800-63B): the same password typed on another device may arrive with
    # its accented letters composed differently.
    return hashlib.scrypt(
        unicodedata.normalize("NFKC", password).encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.memory + 2**20,
        dklen=KEY_BYTES,
    )


def hash_password(password: str, params: ScryptParams | None = None) -> str:
    """A new hash of the password with a fresh random salt."""
    params = params or CURRENT
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, params)
    return f"{SCHEME}${params.n}${params.r}${params.p}${_b64(salt)}${_b64(key)}"


def _parse(stored: str) -> tuple[ScryptParams, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        params = ScryptParams(int(parts[1]), int(parts[2]), int(parts[3]))
        return params, _unb64(parts[4]), _unb64(parts[5])
    except ValueError:  # binascii.Error is a ValueError
        return None


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash (a malformed hash matches nothing)."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    params, salt, key = parsed
    try:
        candidate = _derive(password, salt, params)
    except ValueError:  # parameters hashlib refuses, e.g. n not a power of two
        return False
    return hmac.compare_digest(candidate, key)


def needs_rehash(stored: str) -> bool:
    """Whether the hash was made with other parameters than CURRENT (or cannot be read)."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] != CURRENT
