"""`make report`'s entry point: HTML file, Japanese summary, pinned default period."""
import datetime as dt

from analytics.cli import main


def test_writes_the_html_and_prints_the_summary(tracker_db, tmp_path, capsys):
    out = tmp_path / "report.html"
    code = main(["--from", "2026-11-24", "--to", "2026-11-24", "--db-url", tracker_db,
                 "--out", str(out), "--sender-prefix", "an_"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "期間: 2026年11月24日〜2026年11月24日（日本時間）" in printed
    assert "自己解決率: 66.7%（2/3件）" in printed
    assert f"HTMLレポート: {out}" in printed
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "66.7%" in page and "番号は＊＊＊です" in page
    assert "1234567" not in page and "1234567" not in printed


def test_default_period_comes_from_today(tracker_db, tmp_path, capsys):
    code = main(["--db-url", tracker_db, "--out", str(tmp_path / "r.html")],
                today=dt.date(2026, 11, 24))
    printed = capsys.readouterr().out
    assert code == 0
    assert "期間: 2026年10月26日〜2026年11月24日（日本時間）" in printed
    assert "会話数: 4件" in printed  # all four conversations that started by the 24th


def test_environment_url_is_the_default(tracker_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_db)
    assert main(["--to", "2026-11-25", "--out", str(tmp_path / "r.html")]) == 0
    assert "会話数: 5件" in capsys.readouterr().out


def test_bad_input_is_refused_in_japanese(tracker_db, tmp_path, capsys):
    assert main(["--from", "11/24", "--db-url", tracker_db]) == 2
    assert "日付は YYYY-MM-DD の形式" in capsys.readouterr().err
    assert main(["--db-url", f"sqlite:///{tmp_path / 'missing.db'}"]) == 2
    assert "トラッカーストアのファイルがありません" in capsys.readouterr().err
