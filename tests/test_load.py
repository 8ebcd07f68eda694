"""The load generator's short form, in CI: a recipient of each shared link, then two users on a
real server for 20 seconds, every view finished without an exception or an error message."""

import pytest

from bench import load

pytestmark = pytest.mark.embedded_only("a smoke test of the server under load; once is enough")


def test_two_users_for_twenty_seconds(tmp_path, stores, demo_template):
    ref = stores.copy(demo_template, "load")
    [result], shared = load.run(ref.spec, [2], seconds=20, think=5, shared=len(load.SHARED_LINKS))
    assert [r.failure for r in shared] == [None] * len(load.SHARED_LINKS)
    assert [(r.page, r.query) for r in shared] == list(load.SHARED_LINKS)
    assert all(r.cpu_seconds > 0 for r in shared)  # each recipient's server CPU was read
    figures = load.load_figures([result], shared)
    mean = sum(r.cpu_seconds for r in shared) / len(shared)
    assert figures["cpu_per_shared_link_s"] == pytest.approx(mean)
    assert figures["shared_link_failed"] == 0
    failures = [v.failure for v in result.views if v.failure]
    assert failures == []
    assert len(result.views) >= 6  # both users viewed and changed filters
    assert {v.page for v in result.views} == {"", "Krapte"}
    assert result.cpu_seconds > 0
