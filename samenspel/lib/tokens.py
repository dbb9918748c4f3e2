"""Secret tokens for links (invitations, registrations, calendar feeds).

The link holds the token; the database holds only its SHA-256, so a copy of the database
cannot be used to open anyone's link.
"""

import hashlib
import secrets


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh URL-safe token (256 bits) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)
