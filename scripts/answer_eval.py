"""Answer-level evaluation: sends blind test questions to a running Rasa, judges what users see
(scripts/answer_judge.py) and reports per set, topic and scheme (docs/answer-eval.md)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import requests

from scripts.answer_judge import (
    KNOWLEDGE,
    OUT_OF_SCOPE,
    REQUEST_TIMEOUT,
    Converse,
    Question,
    Reply,
    Result,
    TrackerOf,
    judge,
    load_sets,
)


class RasaClient:
    """Fresh conversations over the REST channel, and trackers over the HTTP API."""

    def __init__(self, rasa_url: str, token: str, timeout: float = REQUEST_TIMEOUT) -> None:
        self.url, self.token, self.timeout = rasa_url.rstrip("/"), token, timeout
        self.run_id = uuid.uuid4().hex[:8]

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        for attempt in (1, 2):  # one retry on a connection error (never on a read timeout)
            try:
                response = requests.request(method, url, timeout=self.timeout, **kwargs)
                response.raise_for_status()
                return response.json()
            except requests.ConnectionError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def converse(self, messages: Sequence[str]) -> Tuple[str, List[Reply]]:
        """Sends the messages in a new conversation; returns its sender ID and one reply per message."""
        sender = f"answer-eval-{self.run_id}-{uuid.uuid4().hex[:12]}"
        replies = [self._request("POST", f"{self.url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": text}) for text in messages]
        return sender, replies

    def tracker(self, sender: str) -> Dict[str, Any]:
        """The conversation's tracker (GET /conversations/<sender>/tracker)."""
        return self._request("GET", f"{self.url}/conversations/{sender}/tracker", params={"token": self.token})


def evaluate(sets: Dict[str, List[Question]], converse: Converse, tracker_of: TrackerOf,
             concurrency: int = 4) -> List[Result]:
    """Judges every question of every set with at most `concurrency` conversations at a time."""
    questions = [q for qs in sets.values() for q in qs]
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(lambda q: judge(q, converse, tracker_of), questions))


def rate(hits: int, n: int) -> Optional[float]:
    """hits/n, or None when there is nothing to count."""
    return hits / n if n else None


def stats(results: Sequence[Result]) -> Dict[str, Any]:
    """Counts and rates of one group of results."""
    know = [r for r in results if r.kind == KNOWLEDGE]
    oos = [r for r in results if r.kind == OUT_OF_SCOPE]
    return {"knowledge": len(know), "first_reply": rate(sum(r.first_reply for r in know), len(know)),
            "one_tap": rate(sum(r.one_tap for r in know), len(know)),
            "out_of_scope": len(oos), "declined": rate(sum(r.declined for r in oos), len(oos))}


def grouped(results: Sequence[Result], key: Callable[[Result], str]) -> Dict[str, Dict[str, Any]]:
    """stats() per value of key, sorted by that value."""
    keys = sorted({key(r) for r in results})
    return {k: stats([r for r in results if key(r) == k]) for k in keys}


def summarise(results: Sequence[Result]) -> Dict[str, Any]:
    """Union, per set, per topic and per scheme."""
    return {"union": stats(results), "sets": grouped(results, lambda r: r.set),
            "topics": grouped(results, lambda r: r.topic), "schemes": grouped(results, lambda r: r.scheme)}


def failures(results: Sequence[Result]) -> List[Dict[str, Any]]:
    """Knowledge questions wrong at first reply and out-of-scope questions not declined."""
    return [{"set": r.set, "id": r.id, "text": r.text, "reply": r.reply[:120], "missed": r.missed,
             "forbidden": r.forbidden, "one_tap": r.one_tap, "tap": r.tap, "actions": r.actions,
             "error": r.error}
            for r in results if (r.kind == KNOWLEDGE and not r.first_reply)
            or (r.kind == OUT_OF_SCOPE and not r.declined)]


def floor_violations(summary: Dict[str, Any], floors: Dict[str, Any]) -> List[str]:
    """Where the union or any set falls below floors.yml (rates with no questions are not checked)."""
    checks = [("union", summary["union"], floors.get("union") or {})]
    for name, figures in summary["sets"].items():
        per_set = {**(floors.get("per_set") or {}), **((floors.get("sets") or {}).get(name) or {})}
        checks.append((f"set {name}", figures, per_set))
    return [f"{where}: {metric} {figures[metric]:.3f} < floor {floor}"
            for where, figures, wanted in checks for metric, floor in wanted.items()
            if figures.get(metric) is not None and figures[metric] < float(floor)]


def percent(value: Optional[float]) -> str:
    """'83.3%' or '—'."""
    return "—" if value is None else f"{100 * value:.1f}%"


HEADER = ["knowledge", "first reply", "one tap", "out-of-scope", "declined"]


def rows(groups: Dict[str, Dict[str, Any]]) -> List[List[str]]:
    """One row of counts and rates per group."""
    return [[k, str(s["knowledge"]), percent(s["first_reply"]), percent(s["one_tap"]),
             str(s["out_of_scope"]), percent(s["declined"])] for k, s in groups.items()]


def width(text: str) -> int:
    """Display width (East Asian wide characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def plain_table(table: List[List[str]]) -> str:
    """A fixed-width text table: first column left-aligned, the others right-aligned."""
    widths = [max(width(r[i]) for r in table) for i in range(len(table[0]))]
    pad = lambda t, i: (t + " " * (widths[i] - width(t))) if i == 0 else " " * (widths[i] - width(t)) + t
    return "\n".join("  ".join(pad(t, i) for i, t in enumerate(r)) for r in table)


def md_table(table: List[List[str]]) -> str:
    """A Markdown table: the first row is the header."""
    cell = lambda t: str(t).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(cell(t) for t in r) + " |" for r in table]
    return "\n".join(lines[:1] + ["|---" * len(table[0]) + "|"] + lines[1:])


def tables(summary: Dict[str, Any]) -> List[Tuple[str, List[List[str]]]]:
    """(title, table) per set (with the union), per topic and per scheme."""
    union = rows({"ALL": summary["union"]})
    return [("set", [["set", *HEADER], *rows(summary["sets"]), *union]),
            ("topic", [["topic", *HEADER], *rows(summary["topics"])]),
            ("scheme", [["scheme", *HEADER], *rows(summary["schemes"])])]


def summary_text(summary: Dict[str, Any], n_failures: int) -> str:
    """The plain-text summary printed after a run."""
    return "\n\n".join([plain_table(t) for _, t in tables(summary)] + [f"failures: {n_failures}"])


def markdown(summary: Dict[str, Any], fails: List[Dict[str, Any]], meta: Dict[str, Any]) -> str:
    """report.md: tables per set, topic and scheme, then the failures."""
    why = lambda f: f["error"] or json.dumps(f["missed"] or f["forbidden"] or f["actions"], ensure_ascii=False)
    failed = [["set", "id", "question", "reply (first 120 chars)", "missed / forbidden / actions", "one tap"]]
    failed += [[f["set"], f["id"], f["text"], f["reply"], why(f), "yes" if f["one_tap"] else "no"] for f in fails]
    parts = [f"# Answer-level evaluation\n\nRun {meta['time']} against {meta['rasa_url']}; "
             f"sets: {', '.join(meta['sets'])}; request errors: {meta['errors']}."]
    parts += [f"## Per {title}\n\n{md_table(t)}" for title, t in tables(summary)]
    parts.append(f"## Failures ({len(fails)})\n\n{md_table(failed)}")
    return "\n\n".join(parts) + "\n"


def write_reports(results: List[Result], out: Path, meta: Dict[str, Any]) -> Dict[str, Any]:
    """Writes report.json, report.md and failures.json; returns the summary."""
    summary, fails = summarise(results), failures(results)
    out.mkdir(parents=True, exist_ok=True)
    dump = lambda data: json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (out / "report.json").write_text(dump({"run": meta, "summary": summary, "failures": fails,
                                           "results": [asdict(r) for r in results]}), encoding="utf-8")
    (out / "failures.json").write_text(dump(fails), encoding="utf-8")
    (out / "report.md").write_text(markdown(summary, fails, meta), encoding="utf-8")
    return summary


def run(rasa_url: str, token: str, sets_dir: Path, out: Path, concurrency: int = 4) -> Tuple[Dict[str, Any], str]:
    """Loads the sets, evaluates them against Rasa, writes the reports; returns (summary, its text)."""
    sets = load_sets(sets_dir)
    client = RasaClient(rasa_url, token)
    results = evaluate(sets, client.converse, client.tracker, concurrency)
    meta = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "rasa_url": rasa_url,
            "sets": list(sets), "errors": sum(r.error is not None for r in results)}
    summary = write_reports(results, out, meta)
    text = summary_text(summary, len(failures(results)))
    if meta["errors"]:
        text += f"\nrequest errors: {meta['errors']} (counted as wrong; see report.json)"
    return summary, text


def main(argv: Optional[List[str]] = None) -> int:
    """CLI: evaluate all sets against a running Rasa and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-url", required=True, help="e.g. http://127.0.0.1:5005")
    parser.add_argument("--token", default=os.environ.get("RASA_AUTH_TOKEN"), help="default: $RASA_AUTH_TOKEN")
    parser.add_argument("--sets", type=Path, default=Path("tests/answers/sets"))
    parser.add_argument("--out", type=Path, default=Path("results/answers"))
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("--token (or RASA_AUTH_TOKEN) is required to read trackers")
    _, text = run(args.rasa_url, args.token, args.sets, args.out, args.concurrency)
    print(text)
    print(f"\nreports: {args.out / 'report.md'}, {args.out / 'report.json'}, {args.out / 'failures.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
