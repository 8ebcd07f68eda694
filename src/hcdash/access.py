"""Who may change data: the analyst password (only its hash is configured), the brake on
guessing it, and the allow-list for OIDC logins.

The dashboard lets analysts in through Streamlit's OIDC login when that is configured (and the
account is on the allow-list), else through a shared password whose PBKDF2 hash is set in
``HCDASH_ANALYST_PASSWORD_HASH`` (or the secret ``analyst_password_hash``). ``hcdash
hash-password`` makes such a hash.
"""

import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass, field

HASH_ENV_VAR = "HCDASH_ANALYST_PASSWORD_HASH"
ALGORITHM = "pbkdf2_sha256"
# OWASP's 2023 advice for PBKDF2-HMAC-SHA256.
ITERATIONS = 600_000
# Wrong passwords from one source before its attempts are slowed: then each waits twice as
# long, up to MAX_DELAY_SECONDS (a few seconds: the right password is never kept out longer).
FREE_ATTEMPTS = 5
MAX_DELAY_SECONDS = 4.0
FORGET_AFTER_SECONDS = 15 * 60
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
class Brake:
    """Slows down wrong passwords per source (OWASP: slow guessing down where it comes from,
    never lock accounts that an attacker can lock): after ``free_attempts`` failures from a
    source, each further attempt from it waits twice as long, but never longer than
    ``max_delay`` seconds, so the right password always gets in within a few seconds, whatever
    others do. Failures older than ``window`` seconds are forgotten; a success clears them.

    An attempt counts as a failure from the moment it starts (``begin``), so parallel attempts
    from one source cannot all pass before any failure is counted; ``succeeded`` undoes that.
    """

    free_attempts: int = FREE_ATTEMPTS
    max_delay: float = MAX_DELAY_SECONDS
    window: float = FORGET_AFTER_SECONDS
    failures: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, source: str, now: float | None = None) -> float:
        """Start an attempt from ``source``: the seconds it must wait before the check."""
        now = time.monotonic() if now is None else now
        with self.lock:
            recent = [t for t in self.failures.get(source, []) if now - t < self.window]
            extra = len(recent) - self.free_attempts
            self.failures[source] = [*recent, now]
            return min(2.0**extra, self.max_delay) if extra >= 0 else 0.0

    def succeeded(self, source: str) -> None:
        with self.lock:
            self.failures.pop(source, None)

    def recent_failures(self, now: float | None = None, within: float = 60.0) -> tuple[int, int]:
        """(wrong attempts, sources) in the last ``within`` seconds: for burst logging."""
        now = time.monotonic() if now is None else now
        with self.lock:
            counts = [sum(now - t < within for t in times) for times in self.failures.values()]
        return sum(counts), sum(1 for c in counts if c)


BRAKE = Brake()
BURST_ATTEMPTS = 20  # wrong passwords within a minute that are logged as a burst
_log = logging.getLogger("hcdash.access")
_last_burst = [0.0]


def pause(seconds: float) -> None:
    """The brake's wait (its own name, so a test can watch it instead of waiting)."""
    time.sleep(seconds)


def check_password(password: str, encoded: str, source: str, brake: Brake | None = None) -> bool:
    """Whether ``password`` matches, after the wait the source's earlier wrong tries ask for
    (at most ``max_delay`` seconds: slowed, never refused). Bursts are logged."""
    brake = BRAKE if brake is None else brake
    wait = brake.begin(source)
    if wait:
        pause(wait)
    if verify_password(password, encoded):
        brake.succeeded(source)
        return True
    _log_burst(brake)
    return False


def _log_burst(brake: Brake) -> None:
    attempts, sources = brake.recent_failures()
    now = time.monotonic()
    if attempts >= BURST_ATTEMPTS and now - _last_burst[0] > 60:
        _last_burst[0] = now
        _log.warning(
            "burst of wrong analyst passwords: %d in the last minute from %d source(s)",
            attempts,
            sources,
        )


def hash_fingerprint(encoded: str | None) -> str | None:
    """A short fingerprint of the configured hash: a session signed in under another hash (or
    none) ends at its next run."""
    return None if encoded is None else hashlib.sha256(encoded.strip().encode()).hexdigest()[:16]


ANALYSTS_ENV_VAR = "HCDASH_ANALYSTS"


def allowed_analysts(secret: str | list | None = None) -> tuple[str, ...]:
    """The OIDC allow-list: e-mail addresses and domains (``@provincie.nl``) from
    ``$HCDASH_ANALYSTS`` (comma-separated) or the secret ``analysts`` (a list or a string)."""
    raw = os.environ.get(ANALYSTS_ENV_VAR) or secret or ()
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return tuple(item.strip().lower() for item in items if str(item).strip())


def oidc_analyst(user, allowed: tuple[str, ...]) -> str | None:
    """The analyst's e-mail address when the identity provider's ``user`` (dict-like: email,
    email_verified) is on the allow-list; None otherwise. An empty list lets nobody in (fail
    closed): signing in proves who someone is, not that they may change data."""
    email = str(user.get("email") or "").strip().lower()
    if not allowed or "@" not in email or user.get("email_verified") is False:
        return None
    domain = email[email.rindex("@") :]
    return email if email in allowed or domain in allowed else None
