"""Server-drawn SVG charts for the statistics page: no JavaScript library, prints as it shows.

Each function returns `Markup` holding one <svg>; every label is escaped.
"""

from markupsafe import Markup, escape

BAR_COLOUR = "#1a5fb4"
TRACK_COLOUR = "#e3e8ee"
PALETTE = ("#1a5fb4", "#26a269", "#e5a50a", "#c01c28", "#613583", "#1c71d8", "#865e3c")


def _number(value):
    """A count or rate as a float; anything else counts as 0."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _fmt(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def bar_chart(rows, *, width=560, label_width=150, bar_height=22, gap=6, title=""):
    """Horizontal bars for [(label, value)], longest first as given; an empty note if none."""
    rows = [(str(label), _number(value)) for label, value in rows or []]
    if not rows:
        return Markup('<p class="muted">暂无数据</p>')
    top = max(value for _, value in rows) or 1.0
    plot = width - label_width - 60
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        length = 0 if value <= 0 else max(2.0, plot * value / top)
        mid = y + bar_height / 2
        parts.append(
            f'<text x="{label_width - 8}" y="{mid:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}" rx="2"><title>{escape(label)}：{_fmt(value)}</title></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{mid:.1f}" '
            f'dominant-baseline="middle">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def rate_bar(rate, *, width=300, height=22, title=""):
    """A 0–100 % bar for a rate in [0, 1]; "—" when the rate is unknown (None)."""
    if not isinstance(rate, int | float) or isinstance(rate, bool):
        return Markup('<span class="muted">—</span>')
    share = min(max(float(rate), 0.0), 1.0)
    filled = width * share
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width + 60}" '
        f'height="{height}" viewBox="0 0 {width + 60} {height}" aria-label="{escape(title)}">'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{TRACK_COLOUR}" rx="3"/>'
        f'<rect x="0" y="0" width="{filled:.1f}" height="{height}" fill="{BAR_COLOUR}" rx="3"/>'
        f'<text x="{width + 6}" y="{height / 2:.1f}" dominant-baseline="middle">'
        f"{share * 100:.1f}%</text></svg>"
    )


def stacked_bar(rows, *, width=560, height=26, title=""):
    """One bar split into coloured shares for [(label, value)], with a legend below."""
    rows = [(str(label), _number(value)) for label, value in rows or []]
    total = sum(value for _, value in rows)
    if total <= 0:
        return Markup('<p class="muted">暂无数据</p>')
    legend_height = 22 * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height + 8 + legend_height}" viewBox="0 0 {width} {height + 8 + legend_height}"'
        f' aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    x = 0.0
    for i, (label, value) in enumerate(rows):
        colour = PALETTE[i % len(PALETTE)]
        part = width * value / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{part:.1f}" height="{height}" fill="{colour}">'
            f"<title>{escape(label)}：{_fmt(value)}</title></rect>"
        )
        x += part
        y = height + 8 + i * 22
        parts.append(
            f'<rect x="0" y="{y}" width="14" height="14" fill="{colour}"/>'
            f'<text x="20" y="{y + 7}" dominant-baseline="middle">{escape(label)}：'
            f"{_fmt(value)}（{value * 100 / total:.1f}%）</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
