"""Who may change data: the analyst password (only its hash is configured) and a brake on guessing.

The dashboard lets analysts in through Streamlit's OIDC login when that is configured, else
through a shared password whose PBKDF2 hash is set in ``HCDASH_ANALYST_PASSWORD_HASH`` (or the
secret ``analyst_password_hash``). ``hcdash hash-password`` makes such a hash.
"""

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass, field

HASH_ENV_VAR = "HCDASH_ANALYST_PASSWORD_HASH"
ALGORITHM = "pbkdf2_sha256"
# OWASP's 2023 advice for PBKDF2-HMAC-SHA256.
ITERATIONS = 600_000
# After this many wrong passwords, every further attempt waits twice as long, up to the maximum.
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    encode = base64.b64encode
    return f"{ALGORITHM}${iterations}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; a malformed hash never matches."""
    try:
        algorithm, iterations, salt, digest = encoded.strip().split("$")
        if algorithm != ALGORITHM:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac(
            "sha256", password.encode(), base64.b64decode(salt), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def configured_hash(secret: str | None = None) -> str | None:
    """The analyst password hash from the environment, else from the given secret."""
    return os.environ.get(HASH_ENV_VAR) or secret or None


@dataclass
class Throttle:
    """Counts wrong passwords per key and says how long the next attempt must wait: after
    ``free_attempts`` failures, each further one doubles the wait, up to MAX_WAIT_SECONDS."""

    free_attempts: int
    failures: dict[str, int] = field(default_factory=dict)
    blocked_until: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, key: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self.lock:
            return max(0.0, self.blocked_until.get(key, 0.0) - now)

    def failed(self, key: str, now: float | None = None) -> float:
        """Record a wrong password; return the seconds before the next attempt is allowed."""
        now = time.monotonic() if now is None else now
        with self.lock:
            count = self.failures.get(key, 0) + 1
            self.failures[key] = count
            extra = count - self.free_attempts
            wait = min(2.0**extra, MAX_WAIT_SECONDS) if extra > 0 else 0.0
            self.blocked_until[key] = now + wait
            return wait

    def succeeded(self, key: str) -> None:
        with self.lock:
            self.failures.pop(key, None)
            self.blocked_until.pop(key, None)


# Per session, and for the whole process (guessing from many sessions is slowed down too,
# with more room so that one person's typos do not lock out everyone).
SESSIONS = Throttle(free_attempts=FREE_ATTEMPTS)
EVERYONE = Throttle(free_attempts=20)
ALL = "*"


def check_password(
    password: str,
    encoded: str,
    session: str,
    sessions: Throttle = SESSIONS,
    everyone: Throttle = EVERYONE,
) -> tuple[bool, str]:
    """(ok, message in Dutch). While a wait is running the password is not even checked."""
    wait = max(sessions.wait_seconds(session), everyone.wait_seconds(ALL))
    if wait > 0:
        return False, f"Te veel onjuiste pogingen. Probeer het over {wait:.0f} seconden opnieuw."
    if verify_password(password, encoded):
        sessions.succeeded(session)
        return True, ""
    wait = max(sessions.failed(session), everyone.failed(ALL))
    suffix = f" Wacht {wait:.0f} seconden voor een nieuwe poging." if wait else ""
    return False, "Onjuist wachtwoord." + suffix
