"""The report as one self-contained HTML page with an inline SVG chart (no scripts)."""
from __future__ import annotations

from html import escape
from typing import Callable, Iterable, List, Optional, Tuple

from analytics.labels import CHANNEL_LABELS, SELF_SERVICE_LABELS, handoff_label, intent_label
from analytics.report import TOP_INTENTS, TOP_UNANSWERED, Report, percent

TITLE = "共済チャットボット 利用状況レポート"
RESOLVED_COLOUR = "#2e7d32"
OTHER_COLOUR = "#b0bec5"
STYLE = """
body { font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #212121; line-height: 1.6; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.kpis { display: flex; flex-wrap: wrap; gap: 1rem; }
.kpi { border: 1px solid #ccc; border-radius: 6px; padding: .5rem 1rem; min-width: 11rem; }
.kpi b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
td.n { text-align: right; }
form { margin: 1rem 0; } .note { color: #555; font-size: .9rem; } .error { color: #b71c1c; }
""".strip()


def _table(headers: Tuple[str, str], rows: Iterable[Tuple[str, str]]) -> str:
    """A two-column table (label, figure), or なし when there are no rows."""
    body = "".join(f'<tr><td>{escape(a)}</td><td class="n">{escape(b)}</td></tr>' for a, b in rows)
    if not body:
        return "<p>なし</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>{body}</table>"


def _ranked(items: Tuple[Tuple[str, int], ...],
            label: Callable[[str], str]) -> List[Tuple[str, str]]:
    """(label, 「n件」) rows."""
    return [(label(key), f"{count}件") for key, count in items]


def chart_svg(report: Report, width: int = 760, height: int = 240) -> str:
    """Conversations per day as stacked bars: self-resolved (green) and the rest (grey)."""
    days = report.per_day
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max([d.conversations for d in days] + [1])
    slot = plot_w / len(days)
    step = max(1, len(days) // 15)  # at most ~15 date labels
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="日別の会話数（緑: 自己解決）">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#666"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for n, day in enumerate(days):
        x = left + n * slot + slot * 0.15
        bar_w = max(slot * 0.7, 1)
        total_h = plot_h * day.conversations / peak
        resolved_h = plot_h * day.self_resolved / peak
        tip = f"{day.day.month}月{day.day.day}日: {day.conversations}件（自己解決 {day.self_resolved}件）"
        parts.append(f"<g><title>{escape(tip)}</title>")
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - total_h:.1f}" width="{bar_w:.1f}" '
                     f'height="{total_h - resolved_h:.1f}" fill="{OTHER_COLOUR}"/>')
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - resolved_h:.1f}" width="{bar_w:.1f}" '
                     f'height="{resolved_h:.1f}" fill="{RESOLVED_COLOUR}"/></g>')
        if n % step == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 12}" text-anchor="middle" '
                         f'font-size="10">{day.day.month}/{day.day.day}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _kpis(report: Report) -> str:
    """The headline figures."""
    r = report
    cards = [
        ("会話数", f"{r.conversations}件", ""),
        ("自己解決率", _share(r, r.self_resolved), f"{r.self_resolved}/{r.conversations}件"),
        ("電話案内率", _share(r, r.handoff), f"{r.handoff}/{r.conversations}件"),
        ("フォールバック率", _share(r, r.fallback), f"{r.fallback}/{r.conversations}件"),
    ]
    return '<div class="kpis">' + "".join(
        f'<div class="kpi">{escape(name)}<b>{escape(value)}</b>{escape(detail)}</div>'
        for name, value, detail in cards
    ) + "</div>"


def _share(report: Report, count: int) -> str:
    """「62.5%」 or 「—」."""
    share = report.rate(count)
    return "—" if share is None else f"{share * 100:.1f}%"


def _form(report: Report) -> str:
    """Date pickers for the operator page (GET, same page)."""
    p = report.period
    return (
        '<form method="get" action="/">'
        f'<label>開始日 <input type="date" name="from" value="{p.first}" required></label> '
        f'<label>終了日 <input type="date" name="to" value="{p.last}" required></label> '
        '<button type="submit">表示</button></form>'
    )


def render_page(report: Report, with_form: bool = False, error: Optional[str] = None) -> str:
    """The whole page; `with_form` adds the date pickers of the operator page."""
    r = report
    other = [
        ("回答した会話", percent(r, r.answered)),
        ("回答の中で電話番号を案内した会話", f"{r.answer_mentions_phone}件"),
        ("「解決しました」があった会話", f"{r.feedback_yes}件"),
        ("「解決しませんでした」があった会話", f"{r.feedback_no}件"),
        ("「もしかして」を表示した回数", f"{r.suggestions_shown}回"),
        ("「もしかして」の候補が選ばれた回数", f"{r.suggestions_chosen}回"),
        ("セルフサービスを完了した会話", f"{r.self_service}件"),
    ]
    sections = [
        f"<h1>{TITLE}</h1>",
        _form(r) if with_form else "",
        f'<p class="error" role="alert">{escape(error)}</p>' if error else "",
        f"<p>期間: {escape(r.period.label())}（日本時間）</p>",
        _kpis(r),
        "<h2>日別の会話数</h2>",
        chart_svg(r),
        '<p class="note">緑: 自己解決した会話　灰色: それ以外（電話案内または「解決しませんでした」）</p>',
        "<h2>チャネル別の会話数</h2>",
        _table(("チャネル", "会話数"), [(CHANNEL_LABELS[c], f"{n}件") for c, n in r.per_channel.items()]),
        "<h2>そのほかの数値</h2>",
        _table(("項目", "値"), other),
        "<h2>セルフサービスの内訳</h2>",
        _table(("内容", "会話数"),
               _ranked(r.self_service_kinds, lambda k: SELF_SERVICE_LABELS.get(k, k))),
        "<h2>電話案内の理由</h2>",
        _table(("理由", "会話数"), _ranked(r.handoff_reasons, handoff_label)),
        f"<h2>よくある質問の意図（上位{TOP_INTENTS}）</h2>",
        _table(("意図", "メッセージ数"), _ranked(r.top_intents, intent_label)),
        f"<h2>答えられなかったメッセージ（上位{TOP_UNANSWERED}、番号などはマスク済み）</h2>",
        _table(("メッセージ", "回数"), _ranked(r.top_unanswered, lambda t: t)),
        "<h2>数え方</h2>",
        '<p class="note">会話は、同じ利用者の60分以上間が空くまでのやり取り（Rasa のセッション）です。'
        "自己解決は、電話番号の案内（知識回答の中の番号を除く）も「解決しませんでした」もなかった会話です。"
        "詳しい定義は docs/analytics.md にあります。</p>",
    ]
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{TITLE}</title><style>{STYLE}</style></head><body>"
        + "".join(sections) + "</body></html>"
    )
