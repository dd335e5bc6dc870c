"""Digest days: local calendar days as UTC windows, and the days a stopped daemon missed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from digest.window import CATCH_UP_DAYS, day_window, missing_days


def test_a_beijing_day_is_24_hours_from_local_midnight():
    start, end = day_window(date(2025, 12, 26), "Asia/Shanghai")
    assert start.astimezone(UTC) == datetime(2025, 12, 25, 16, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 24 * 3600


def test_the_day_clocks_go_forward_has_23_hours_and_the_day_they_go_back_25():
    spring_start, spring_end = day_window(date(2026, 3, 29), "Europe/Berlin")
    autumn_start, autumn_end = day_window(date(2026, 10, 25), "Europe/Berlin")
    assert (spring_end - spring_start).total_seconds() == 23 * 3600
    assert (autumn_end - autumn_start).total_seconds() == 25 * 3600
    assert spring_start.astimezone(UTC) == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert autumn_end.astimezone(UTC) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)


def test_missing_days_run_from_the_newest_digest_to_yesterday(tmp_path):
    for day in ("2026-12-01", "2026-12-02"):
        (tmp_path / f"{day}.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a digest: ignored
    assert missing_days(tmp_path, date(2026, 12, 5), date(2026, 11, 1)) == [date(2026, 12, 3), date(2026, 12, 4)]


def test_without_digests_the_catch_up_starts_at_the_first_activity_within_the_limit(tmp_path):
    assert missing_days(tmp_path, date(2026, 12, 5), date(2026, 12, 3)) == [date(2026, 12, 3), date(2026, 12, 4)]
    assert len(missing_days(tmp_path, date(2026, 12, 5), date(2025, 1, 1))) == CATCH_UP_DAYS
    assert missing_days(tmp_path, date(2026, 12, 5), None) == [date(2026, 12, 4)]
    assert missing_days(tmp_path / "absent", date(2026, 12, 5), None) == [date(2026, 12, 4)]
