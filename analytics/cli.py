"""`make report`: writes the HTML report for a date range and prints a Japanese summary."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

from actions.clock import now_jst
from analytics.page import render_page
from analytics.report import compute_report, parse_period, text_summary
from analytics.store import ROOT, StoreError, tracker_store_url

REPORT_DIR = ROOT / "var" / "reports"


def main(argv: Optional[List[str]] = None, today: Optional[dt.date] = None) -> int:
    """Entry point; `today` (default: the assistant's clock) sets the default period."""
    parser = argparse.ArgumentParser(description=__doc__)
    add = parser.add_argument
    add("--from", dest="first", default="", help="first day, YYYY-MM-DD (default: 29 days before --to)")
    add("--to", dest="last", default="", help="last day, YYYY-MM-DD (default: today, JST)")
    add("--db-url", default="", help="tracker store URL (default: TRACKER_STORE_URL or var/tracker.db)")
    add("--out", default="", help="HTML file (default: var/reports/report-FROM_TO.html)")
    add("--sender-prefix", default="", help="only senders whose id starts with this")
    args = parser.parse_args(argv)
    url = args.db_url or tracker_store_url()
    try:
        period = parse_period(args.first, args.last, today or now_jst().date())
        report = compute_report(url, period, args.sender_prefix or None)
    except (ValueError, StoreError) as error:
        print(f"レポートを作成できません: {error}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else REPORT_DIR / f"report-{period.first}_{period.last}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(report), encoding="utf-8")
    print(text_summary(report))
    print(f"\nHTMLレポート: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
