"""Who may change data: the analyst password (only its hash is configured), the brake on
guessing it, and the allow-list for OIDC logins.

The dashboard lets analysts in through Streamlit's OIDC login when that is configured (and the
account's verified e-mail address is on the allow-list), else through a shared password whose
PBKDF2 hash is set in ``HCDASH_ANALYST_PASSWORD_HASH`` (or the secret
``analyst_password_hash``). ``hcdash hash-password`` makes such a hash.
"""

import base64
import hashlib
import hmac
import logging
import math
import os
import secrets
import threading
import time
from collections import Counter, OrderedDict, deque
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
# A source's answers to wrong passwords come one after another, each its delay after the one
# before; never more than this after the attempt (a flood cannot hold sessions for ever).
MAX_HOLD_SECONDS = 60.0
# Sources the brake keeps at once; past it the one quiet longest is forgotten first.
MAX_SOURCES = 10_000
BURST_ATTEMPTS = 20  # wrong passwords within BURST_SECONDS that are logged as a burst
BURST_SECONDS = 60.0
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


@dataclass(frozen=True)
class Slot:
    """When an attempt is checked and when a wrong one is answered, in seconds from its start."""

    check_in: float  # never more than the brake's max_delay: the right password's wait
    answer_in: float  # a wrong password's answer: after the source's earlier answers


@dataclass
class _Source:
    failures: deque  # start times of the latest attempts counted as wrong (a bounded few)
    next_free: float = 0.0  # the source's next answer to a wrong password comes no earlier
    seen: float = 0.0  # its latest attempt: the brake keeps its sources in this order


@dataclass
class Brake:
    """Slows down wrong passwords per source (OWASP: slow guessing down where it comes from,
    never lock accounts that an attacker can lock).

    After ``free_attempts`` failures from a source, each further attempt from it gets a delay
    that doubles up to ``max_delay`` seconds. Its answers are *serialised*: a wrong password is
    answered its delay after the source's previous answer (``next_free``), so parallel sessions
    from one address get their answers one after another, not all at once. The check itself
    comes after at most ``max_delay`` seconds, and the right password gets in then, whatever
    others at the same address do: an analyst behind the attacker's NAT or proxy waits at most
    ``max_delay``. The price of that promise: every guess is checked within ``max_delay``, so
    an attacker who abandons each session rather than wait for its answer is not serialised;
    that takes a new session per guess, each held up to ``max_hold`` seconds. A source's
    sessions that do wait get about one answer per ``max_delay`` together (docs/reference.md).

    An attempt counts as a failure from the moment it starts (``begin``, under the lock), so
    parallel attempts cannot all pass before any failure is counted; ``succeeded`` forgets the
    source (on a shared address the attacker's count too: the analyst is never kept out).
    Failures older than ``window`` are forgotten, sources quiet that long too, and at most
    ``max_sources`` are kept (the quietest forgotten first): rotating addresses cost bounded
    memory and constant work per attempt.
    """

    free_attempts: int = FREE_ATTEMPTS
    max_delay: float = MAX_DELAY_SECONDS
    window: float = FORGET_AFTER_SECONDS
    max_hold: float = MAX_HOLD_SECONDS
    max_sources: int = MAX_SOURCES
    burst_window: float = BURST_SECONDS
    sources: OrderedDict[str, _Source] = field(default_factory=OrderedDict)
    # the wrong passwords of the last burst_window, oldest first: (time, source)
    burst: deque = field(default_factory=deque)
    burst_sources: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, source: str, now: float | None = None) -> Slot:
        """Start an attempt from ``source``: when to check it and when to answer if wrong."""
        now = clock() if now is None else now
        with self.lock:
            self._forget(now)
            record = self._record(source, now)
            delay = self._delay(record, now)
            queued = max(0.0, record.next_free - now)  # answers still due to earlier attempts
            answer_in = min(queued + delay, self.max_hold)
            record.failures.append(now)
            record.next_free = now + answer_in
            return Slot(min(answer_in, self.max_delay), answer_in)

    def _record(self, source: str, now: float) -> _Source:
        """The source's record, moved to the end (latest); a new one may push the quietest out."""
        record = self.sources.get(source)
        if record is None:
            while len(self.sources) >= self.max_sources:
                self.sources.popitem(last=False)
            # the delay stops growing after this many failures, so older ones need not be kept
            keep = self.free_attempts + math.ceil(math.log2(max(self.max_delay, 1.0))) + 1
            record = self.sources[source] = _Source(deque(maxlen=keep))
        self.sources.move_to_end(source)
        record.seen = now
        return record

    def _delay(self, record: _Source, now: float) -> float:
        """The delay the source's failures within ``window`` ask for (0 while some are free)."""
        while record.failures and now - record.failures[0] >= self.window:
            record.failures.popleft()
        extra = len(record.failures) - self.free_attempts
        return min(2.0**extra, self.max_delay) if extra >= 0 else 0.0

    def _forget(self, now: float) -> None:
        """Drop the sources quiet for ``window`` seconds: they come first, so this costs one
        look per attempt plus one per source dropped."""
        while self.sources and now - next(iter(self.sources.values())).seen >= self.window:
            self.sources.popitem(last=False)

    def succeeded(self, source: str) -> None:
        with self.lock:
            self.sources.pop(source, None)

    def failed(self, source: str, now: float | None = None) -> tuple[int, int]:
        """Note a wrong password for the burst log: (wrong passwords, sources) within
        ``burst_window`` seconds, this one included."""
        now = clock() if now is None else now
        with self.lock:
            self.burst.append((now, source))
            self.burst_sources[source] += 1
            return self._recent(now)

    def recent_failures(self, now: float | None = None) -> tuple[int, int]:
        """(wrong passwords, sources) within ``burst_window`` seconds: for burst logging."""
        now = clock() if now is None else now
        with self.lock:
            return self._recent(now)

    def _recent(self, now: float) -> tuple[int, int]:
        """Drop what is older than ``burst_window`` (and past ``max_sources`` entries, a flood's
        tail), then count: one look per call plus one per entry dropped."""
        while self.burst and (
            now - self.burst[0][0] >= self.burst_window or len(self.burst) > self.max_sources
        ):
            _, source = self.burst.popleft()
            self.burst_sources[source] -= 1
            if not self.burst_sources[source]:
                del self.burst_sources[source]
        return len(self.burst), len(self.burst_sources)


BRAKE = Brake()
_log = logging.getLogger("hcdash.access")
_last_burst = [-math.inf]


def clock() -> float:
    """The brake's time (its own name, so a test can move time instead of waiting)."""
    return time.monotonic()


def pause(seconds: float) -> None:
    """The brake's wait (its own name, so a test can watch it instead of waiting)."""
    time.sleep(seconds)


def check_password(password: str, encoded: str, source: str, brake: Brake | None = None) -> bool:
    """Whether ``password`` matches. It is checked after the wait the source's earlier wrong
    tries ask for (at most ``max_delay`` seconds: slowed, never refused); the right one gets in
    then and clears the source, a wrong one is answered in the source's turn. Bursts are logged."""
    brake = BRAKE if brake is None else brake
    started = clock()
    slot = brake.begin(source, started)
    if slot.check_in > 0:
        pause(slot.check_in)
    if verify_password(password, encoded):
        brake.succeeded(source)
        return True
    _log_burst(*brake.failed(source))
    if slot.answer_in > slot.check_in:  # earlier answers of this source are still due
        rest = started + slot.answer_in - clock()
        if rest > 0:
            pause(rest)
    return False


def _log_burst(attempts: int, sources: int) -> None:
    now = clock()
    if attempts >= BURST_ATTEMPTS and now - _last_burst[0] > BURST_SECONDS:
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
# Set (1, true, yes) only for an identity provider that sends no ``email_verified`` claim but
# hands out only addresses its organisation owns (e.g. Microsoft Entra ID with managed domains).
VERIFIED_ENV_VAR = "HCDASH_OIDC_EMAILS_VERIFIED"


def allowed_analysts(secret: str | list | None = None) -> tuple[str, ...]:
    """The OIDC allow-list: e-mail addresses and domains (``@provincie.nl``) from
    ``$HCDASH_ANALYSTS`` (comma-separated) or the secret ``analysts`` (a list or a string)."""
    raw = os.environ.get(ANALYSTS_ENV_VAR) or secret or ()
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return tuple(item.strip().lower() for item in items if str(item).strip())


def provider_verifies_emails(secret: bool | str | None = None) -> bool:
    """Whether the provider's e-mail addresses count as verified without an ``email_verified``
    claim: ``$HCDASH_OIDC_EMAILS_VERIFIED`` or the secret ``oidc_emails_verified``; off unless
    set."""
    raw = os.environ.get(VERIFIED_ENV_VAR) or secret
    return raw is True or str(raw).strip().lower() in {"1", "true", "yes"}


def email_verified(user, provider_verifies: bool = False) -> bool:
    """Whether the provider vouches for the user's e-mail address: ``email_verified`` true (a
    boolean, or the string some providers send), or missing when the provider is trusted to
    verify (``provider_verifies_emails``). Missing otherwise, or false, is not verified."""
    claim = user.get("email_verified")
    if claim is None:
        return provider_verifies
    return claim is True or str(claim).strip().lower() == "true"


def oidc_analyst(user, allowed: tuple[str, ...], provider_verifies: bool = False) -> str | None:
    """The analyst's e-mail address when the identity provider's ``user`` (dict-like: email,
    email_verified) is on the allow-list with a verified address; None otherwise. An empty list
    lets nobody in (fail closed): signing in proves who someone is, not that they may change
    data. Without a verified address anyone could claim a listed one at a lax provider."""
    email = str(user.get("email") or "").strip().lower()
    if not allowed or "@" not in email or not email_verified(user, provider_verifies):
        return None
    domain = email[email.rindex("@") :]
    return email if email in allowed or domain in allowed else None
