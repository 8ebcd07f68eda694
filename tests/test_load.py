"""The load generator's short form, in CI: two users on a real server for 20 seconds, every
view finished without an exception or an error message."""

import pytest

from bench import load

pytestmark = pytest.mark.embedded_only("a smoke test of the server under load; once is enough")


def test_two_users_for_twenty_seconds(tmp_path, stores, demo_template):
    ref = stores.copy(demo_template, "load")
    (result,) = load.run(ref.spec, [2], seconds=20, think=5)
    failures = [v.failure for v in result.views if v.failure]
    assert failures == []
    assert len(result.views) >= 6  # both users viewed and changed filters
    assert {v.page for v in result.views} == {"", "Krapte"}
    assert result.cpu_seconds > 0
