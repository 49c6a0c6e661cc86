"""Facilitator PINs as salted slow hashes, and unguessable join codes and share tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kpi_logic.errors import InvalidInput

# A new PIN is at least six digits (10^6 PINs, against at most the per-workshop ceiling of checks in
# a window) or a passphrase of at least twelve characters. Older workshops keep their shorter PINs:
# the rule applies where a PIN is chosen (create form, store, JSON import, CLI), not at unlock.
PIN_MIN_DIGITS = 6
PASSPHRASE_MIN_LENGTH = 12
PIN_MAX_LENGTH = 64
# scrypt cost: about 16 MiB and a few dozen milliseconds per check, which makes guessing a
# short PIN from a stolen file slow while a facilitator's unlock still feels instant.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
SCHEME = "scrypt"

# Join codes are read aloud and typed from a projector: no 0/O, 1/I/L look-alikes.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
SHARE_TOKEN_BYTES = 18


def validate_pin(pin: str) -> str:
    """A new PIN as given: at least 6 digits or a passphrase of at least 12 characters, else InvalidInput.

    The one rule for every place a PIN is chosen (create form, store, JSON import, CLI).
    """
    if not isinstance(pin, str):
        raise InvalidInput("PIN: must be text", key="errors.text_type", field="pin")
    if len(pin) > PIN_MAX_LENGTH:
        raise InvalidInput(
            f"PIN: at most {PIN_MAX_LENGTH} characters",
            key="errors.pin_too_long", high=PIN_MAX_LENGTH,
        )
    if not pin.isprintable() or pin != pin.strip():
        raise InvalidInput("PIN: no spaces at the ends and no control characters", key="errors.pin_chars")
    digits = pin.isascii() and pin.isdigit()
    if not ((digits and len(pin) >= PIN_MIN_DIGITS) or len(pin) >= PASSPHRASE_MIN_LENGTH):
        raise InvalidInput(
            f"PIN: at least {PIN_MIN_DIGITS} digits or a passphrase of {PASSPHRASE_MIN_LENGTH} characters",
            key="errors.pin_rule", digits=PIN_MIN_DIGITS, length=PASSPHRASE_MIN_LENGTH,
        )
    return pin


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r * p, dklen=HASH_BYTES
    )


def hash_pin(pin: str) -> str:
    """A self-describing salted scrypt hash of the PIN: 'scrypt$n$r$p$salt$hash'."""
    salt = secrets.token_bytes(SALT_BYTES)
    # No rule here: the rule is for new PINs (validate_pin at every entry point); fixtures of older
    # schemas hash the short PINs of their time.
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join([SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), salt.hex(), digest.hex()])


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash, compared in constant time."""
    if not isinstance(pin, str) or not pin:
        return False
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != SCHEME:
        raise ValueError(f"unknown PIN hash scheme {scheme!r}")
    candidate = _scrypt(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    return hmac.compare_digest(candidate, bytes.fromhex(digest))


def new_join_code() -> str:
    """A short random code that participants type to join a workshop."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    """The code as stored: upper case, without spaces or dashes people add when typing."""
    return "".join(ch for ch in str(code) if ch not in " -\t").upper()


def new_share_token() -> str:
    """An unguessable token for the read-only share link."""
    return secrets.token_urlsafe(SHARE_TOKEN_BYTES)


SECRET_BYTES = 24  # 192 bits: a re-join or facilitator-device secret kept in the URL


def new_secret() -> str:
    """A random secret that lets one device come back as the same participant or facilitator."""
    return secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str) -> str:
    """What the store keeps of a secret: its SHA-256 (a 192-bit random secret needs no slow hash)."""
    return hashlib.sha256(str(secret).encode("utf-8")).hexdigest()
