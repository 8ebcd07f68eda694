"""The analyst gate, directly: password hashes, the brake per source, the OIDC allow-list."""

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
        ("correct horse battery", "not a hash", False),
        ("correct horse battery", "pbkdf2_sha256$x$y$z", False),
        ("correct horse battery", "", False),
    ],
)
def test_verify_password(password, encoded, ok):
    assert access.verify_password(password, encoded) is ok


def test_the_brake_slows_a_source_down_doubling_up_to_a_few_seconds():
    brake = access.Brake(free_attempts=3, max_delay=4.0, window=600)
    waits = [brake.begin("a", now=float(t)) for t in range(8)]
    assert waits == [0, 0, 0, 1, 2, 4, 4, 4]
    assert brake.begin("b", now=8.0) == 0  # another source is not slowed
    brake.succeeded("a")
    assert brake.begin("a", now=9.0) == 0  # the right password clears the source


def test_the_brake_forgets_old_failures():
    brake = access.Brake(free_attempts=2, max_delay=4.0, window=60)
    for t in range(4):
        brake.begin("a", now=float(t))
    assert brake.begin("a", now=10.0) > 0
    assert brake.begin("a", now=200.0) == 0


def test_parallel_attempts_from_one_source_are_all_counted():
    """Counting and the wait are one step: 20 attempts at once cannot all pass unslowed."""
    brake = access.Brake(free_attempts=3, max_delay=4.0, window=600)
    start, waits = threading.Barrier(20), []

    def attempt():
        start.wait()
        waits.append(brake.begin("a", now=0.0))

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits).count(0) == 3


def test_check_password_waits_instead_of_refusing(monkeypatch):
    asked = []
    monkeypatch.setattr(access, "pause", asked.append)
    brake = access.Brake(free_attempts=1, max_delay=4.0, window=600)
    assert not access.check_password("wrong", HASH, "a", brake)
    assert not access.check_password("wrong", HASH, "a", brake)
    assert access.check_password("correct horse battery", HASH, "a", brake)
    assert asked == [1.0, 2.0]  # the right password waited, and got in
    assert access.check_password("correct horse battery", HASH, "a", brake)
    assert asked == [1.0, 2.0]


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


class User(dict):
    """A stand-in for st.user: no identity provider is reachable here."""


ALLOWED = ("anna@gelderland.nl", "@overijssel.nl")


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (User(email="anna@gelderland.nl", email_verified=True), "anna@gelderland.nl"),
        (User(email="Anna@Gelderland.NL"), "anna@gelderland.nl"),
        (User(email="piet@overijssel.nl"), "piet@overijssel.nl"),
        (User(email="kees@gelderland.nl"), None),  # the domain is not on the list, only Anna
        (User(email="x@overijssel.nl.evil.example"), None),
        (User(email="x@evil-overijssel.nl"), None),
        (User(email="piet@overijssel.nl", email_verified=False), None),
        (User(name="Anna"), None),
        (User(email="not an address"), None),
    ],
)
def test_oidc_sign_in_is_not_enough_to_write(user, expected):
    assert access.oidc_analyst(user, ALLOWED) == expected


def test_without_an_allow_list_nobody_writes(monkeypatch):
    monkeypatch.delenv(access.ANALYSTS_ENV_VAR, raising=False)
    assert access.allowed_analysts(None) == ()
    assert access.oidc_analyst(User(email="anna@gelderland.nl"), ()) is None
    assert access.allowed_analysts(["Anna@Gelderland.nl", " @overijssel.nl "]) == (
        "anna@gelderland.nl",
        "@overijssel.nl",
    )
    monkeypatch.setenv(access.ANALYSTS_ENV_VAR, "a@b.nl, @c.nl,")
    assert access.allowed_analysts(["ignored@x.nl"]) == ("a@b.nl", "@c.nl")
