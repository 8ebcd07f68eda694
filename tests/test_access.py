"""The analyst gate, directly: password hashes, the brake per source, the OIDC allow-list."""

import contextlib
import heapq
import logging
import threading

import pytest

from hcdash import access

HASH = access.hash_password("correct horse battery", iterations=1000)


@pytest.mark.parametrize(
    ("password", "encoded", "ok"),
    [
        ("correct horse battery", HASH, True),
        ("correct horse batterY", HASH, False),
        ("", HASH, False),
        ("correct horse battery", HASH.replace("pbkdf2_sha256", "md5"), False),
        ("correct horse battery", HASH.replace("pbkdf2_sha256", "zz_other"), False),  # sorts after
        ("correct horse battery", "not a hash", False),
        ("correct horse battery", "pbkdf2_sha256$x$y$z", False),
        ("correct horse battery", "", False),
    ],
)
def test_verify_password(password, encoded, ok):
    assert access.verify_password(password, encoded) is ok


def test_the_brake_slows_a_source_down_doubling_up_to_a_few_seconds():
    brake = access.Brake(free_attempts=3, max_delay=4.0, window=600)
    slots = [brake.begin("a", now=float(t)) for t in range(8)]
    assert [s.check_in for s in slots] == [0, 0, 0, 1, 2, 4, 4, 4]
    # a wrong password is answered after the source's previous answer: one a second is too fast
    assert [s.answer_in for s in slots] == [0, 0, 0, 1, 2, 5, 8, 11]
    assert brake.begin("b", now=8.0) == access.Slot(0, 0)  # another source is not slowed
    brake.succeeded("a")
    assert brake.begin("a", now=9.0) == access.Slot(0, 0)  # the right password clears it


def test_the_brake_forgets_old_failures():
    brake = access.Brake(free_attempts=2, max_delay=4.0, window=60)
    for t in range(4):
        brake.begin("a", now=float(t))
    assert brake.begin("a", now=10.0).check_in > 0
    assert brake.begin("a", now=200.0) == access.Slot(0, 0)
    # forgotten one by one as each grows older than the window, not only all at once
    brake = access.Brake(free_attempts=1, max_delay=4.0, window=60)
    for t in (0.0, 1.0, 50.0):  # the source stays in mind: it tried again at 50
        brake.begin("a", now=t)
    assert brake.begin("a", now=61.5).check_in == 1  # only the failure of 50 still counts


class Timeline(threading.local):
    """Each thread (a session) its own time, moved by the brake's pauses instead of waiting."""

    now = 0.0

    def __init__(self):
        self.waited = []

    def pause(self, seconds: float) -> None:
        self.waited.append(seconds)
        self.now += seconds


@pytest.fixture
def timeline(monkeypatch):
    line = Timeline()
    monkeypatch.setattr(access, "pause", line.pause)
    monkeypatch.setattr(access, "clock", lambda: line.now, raising=False)
    return line


def in_parallel(count: int, attempt) -> list:
    """``attempt()`` in ``count`` threads that start together; their results."""
    start, results = threading.Barrier(count), [None] * count

    def run(number):
        start.wait()
        results[number] = attempt()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_parallel_wrong_tries_from_one_source_are_answered_one_after_another(timeline):
    """20 sessions of one address guess at the same moment: the first 5 are free, the others
    are answered in turn (1, 2, then 4 s apart), not all within 4 s. The right password in a
    new session, at that moment, still gets in within max_delay."""
    brake = access.Brake()

    def guess():
        ok = access.check_password("wrong", HASH, "203.0.113.7", brake)
        return ok, timeline.now  # when this session got its answer

    results = in_parallel(20, guess)
    assert not any(ok for ok, _ in results)
    answers = sorted(when for _, when in results)
    assert answers[:5] == [0] * 5
    assert answers[5:] == [1, 3, *range(7, 56, 4)]  # 55 s for the 20th (was at most 4 s)
    ok, when = in_parallel(1, lambda: (check_password_right(brake), timeline.now))[0]
    assert ok and when <= access.MAX_DELAY_SECONDS < 10


def check_password_right(brake: access.Brake) -> bool:
    return access.check_password("correct horse battery", HASH, "203.0.113.7", brake)


def test_sessions_that_wait_for_their_answers_get_one_guess_per_max_delay():
    """Sessions of one address in a loop (guess, wait for the answer, guess again), simulated
    for ten minutes: all together about one guess per 4 s, not one per 4 s each."""
    brake, sessions, guesses = access.Brake(), 12, 0
    due = [(0.0, n) for n in range(sessions)]  # (when the session guesses next, session)
    while due[0][0] < 600:
        now, session = heapq.heappop(due)
        guesses += 1
        heapq.heappush(due, (now + brake.begin("a", now=now).answer_in, session))
    # the free ones, one in flight per session, then one per 4 s (two more: the 1 and 2 s)
    assert guesses <= access.FREE_ATTEMPTS + sessions + 600 / access.MAX_DELAY_SECONDS + 2
    assert guesses > 600 / access.MAX_DELAY_SECONDS  # (each on its own 4 s: 12 x 150)


def free_attempts_in_a_race(brake: access.Brake) -> int:
    """20 attempts from one source at the same moment, each reading the source's failures
    before any has counted its own (a barrier inside ``begin``): how many pass unslowed."""
    inside, read = threading.Barrier(20, timeout=0.3), brake._delay

    def slow_read(record, now):
        delay = read(record, now)
        with contextlib.suppress(threading.BrokenBarrierError):
            inside.wait()  # under the lock only one is here: the barrier breaks, all go on
        return delay

    brake._delay = slow_read
    return in_parallel(20, lambda: brake.begin("a", now=0.0).check_in).count(0)


def test_counting_and_the_wait_are_one_step_under_the_lock():
    """Parallel attempts cannot all pass before any failure is counted. The probe: the same
    race with the lock taken away lets all 20 through, so this test would catch that."""
    assert free_attempts_in_a_race(access.Brake(free_attempts=3)) == 3
    unlocked = access.Brake(free_attempts=3, lock=contextlib.nullcontext())
    assert free_attempts_in_a_race(unlocked) == 20


def test_check_password_waits_instead_of_refusing(timeline):
    brake = access.Brake(free_attempts=1, max_delay=4.0, window=600)
    assert not access.check_password("wrong", HASH, "a", brake)
    assert not access.check_password("wrong", HASH, "a", brake)
    assert access.check_password("correct horse battery", HASH, "a", brake)
    assert timeline.waited == [1.0, 2.0]  # the right password waited, and got in
    assert access.check_password("correct horse battery", HASH, "a", brake)
    assert timeline.waited == [1.0, 2.0]


def test_quiet_sources_are_forgotten_and_their_number_is_capped():
    """Rotating addresses cost bounded memory: a source quiet for the window is dropped at the
    next attempt of anyone, and past max_sources the quietest goes first."""
    brake = access.Brake(window=60, max_sources=1000)
    for number in range(5000):
        brake.begin(f"10.0.{number // 250}.{number % 250}", now=number / 100)
    assert len(brake.sources) == 1000
    assert next(iter(brake.sources)) == "10.0.16.0"  # number 4000: the 4000 before are gone
    brake.begin("198.51.100.20", now=50 + 61.0)  # a minute after the last of them
    assert list(brake.sources) == ["198.51.100.20"]

    brake = access.Brake(max_sources=3)
    for source in "abcd":
        brake.begin(source, now=0.0)
    brake.begin("b", now=1.0)
    brake.begin("e", now=2.0)
    assert list(brake.sources) == ["d", "b", "e"]


def test_one_source_keeps_only_the_failures_its_delay_needs():
    brake = access.Brake(window=600)
    slots = [brake.begin("a", now=t / 10) for t in range(10_000)]
    assert len(brake.sources["a"].failures) <= access.FREE_ATTEMPTS + 3
    assert slots[-1].check_in == access.MAX_DELAY_SECONDS
    assert brake.begin("a", now=1000 + 599.0).check_in == access.MAX_DELAY_SECONDS
    assert brake.begin("a", now=3000.0) == access.Slot(0, 0)  # all older than the window


def test_burst_counting_forgets_what_is_older_than_a_minute():
    """The burst log counts from a queue of the last minute's wrong passwords: no look at
    every source on every failure, and nothing left after a quiet minute."""
    brake = access.Brake()
    for number in range(3000):
        source = f"10.1.{number // 250}.{number % 250}"
        assert brake.failed(source, now=number / 100) == (number + 1, number + 1)
    assert brake.recent_failures(now=70.0) == (1999, 1999)  # those after 10.0 s
    assert brake.recent_failures(now=90.0) == (0, 0)
    assert not brake.burst and not brake.burst_sources
    flood = access.Brake(max_sources=100)
    for number in range(500):
        flood.failed("203.0.113.7", now=number / 100)
    assert flood.recent_failures(now=5.0) == (100, 1)  # its tail is capped too


def test_a_burst_of_wrong_passwords_is_logged(monkeypatch, caplog):
    monkeypatch.setattr(access, "pause", lambda seconds: None)
    monkeypatch.setattr(access, "_last_burst", [0.0])
    brake = access.Brake()
    with caplog.at_level(logging.WARNING, logger="hcdash.access"):
        for number in range(access.BURST_ATTEMPTS):
            access.check_password("wrong", HASH, f"10.0.0.{number % 4}", brake)
    assert [r.getMessage() for r in caplog.records] == [
        "burst of wrong analyst passwords: 20 in the last minute from 4 source(s)"
    ]


def test_the_session_fingerprint_follows_the_hash():
    assert access.hash_fingerprint(HASH) == access.hash_fingerprint(HASH + "\n")
    assert access.hash_fingerprint(HASH) != access.hash_fingerprint(access.hash_password("x" * 12))
    assert access.hash_fingerprint(None) is None
    assert len(access.hash_fingerprint(HASH)) == 16


def test_the_configured_hash_comes_from_the_environment_else_the_secret(monkeypatch):
    monkeypatch.delenv(access.HASH_ENV_VAR, raising=False)
    assert access.configured_hash(HASH) == HASH
    assert access.configured_hash(None) is None
    monkeypatch.setenv(access.HASH_ENV_VAR, "from the environment")
    assert access.configured_hash(HASH) == "from the environment"


class User(dict):
    """A stand-in for st.user: no identity provider is reachable here."""


ALLOWED = ("anna@gelderland.nl", "@overijssel.nl")


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (User(email="anna@gelderland.nl", email_verified=True), "anna@gelderland.nl"),
        (User(email="Anna@Gelderland.NL", email_verified="true"), "anna@gelderland.nl"),
        (User(email="piet@overijssel.nl", email_verified=True), "piet@overijssel.nl"),
        (User(email="kees@gelderland.nl", email_verified=True), None),  # only Anna is listed
        (User(email="x@overijssel.nl.evil.example", email_verified=True), None),
        (User(email="x@evil-overijssel.nl", email_verified=True), None),
        (User(email="piet@overijssel.nl", email_verified=False), None),
        (User(email="piet@overijssel.nl", email_verified="false"), None),
        (User(email="piet@overijssel.nl", email_verified="yes"), None),  # only true is true
        (User(email="piet@overijssel.nl"), None),  # no claim: not verified (fail closed)
        (User(name="Anna"), None),
        (User(email="not an address", email_verified=True), None),
    ],
)
def test_oidc_sign_in_is_not_enough_to_write(user, expected):
    assert access.oidc_analyst(user, ALLOWED) == expected


def test_a_provider_that_sends_no_verified_claim_is_trusted_only_when_set(monkeypatch):
    """Entra ID sends no ``email_verified``: its addresses count only when the administrator
    says the provider verifies them; an explicit false is refused even then."""
    monkeypatch.delenv(access.VERIFIED_ENV_VAR, raising=False)
    assert not access.provider_verifies_emails(None)
    assert not access.provider_verifies_emails(False)  # the secret set to false
    assert access.provider_verifies_emails(True)  # the secret oidc_emails_verified = true
    monkeypatch.setenv(access.VERIFIED_ENV_VAR, "1")
    trusted = access.provider_verifies_emails(None)
    assert access.oidc_analyst(User(email="piet@overijssel.nl"), ALLOWED, trusted) == (
        "piet@overijssel.nl"
    )
    unverified = User(email="piet@overijssel.nl", email_verified=False)
    assert access.oidc_analyst(unverified, ALLOWED, trusted) is None


def test_without_an_allow_list_nobody_writes(monkeypatch):
    monkeypatch.delenv(access.ANALYSTS_ENV_VAR, raising=False)
    assert access.allowed_analysts(None) == ()
    anna = User(email="anna@gelderland.nl", email_verified=True)
    assert access.oidc_analyst(anna, ()) is None
    assert access.allowed_analysts(["Anna@Gelderland.nl", " @overijssel.nl "]) == (
        "anna@gelderland.nl",
        "@overijssel.nl",
    )
    monkeypatch.setenv(access.ANALYSTS_ENV_VAR, "a@b.nl, @c.nl,")
    assert access.allowed_analysts(["ignored@x.nl"]) == ("a@b.nl", "@c.nl")
