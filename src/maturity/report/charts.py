"""The report's charts, drawn by pygal as inline SVG with no script: radar and bars of the
domains, the trend over the saved assessments, and KPI progress of the investments.

pygal always adds a small configuration script for its optional tooltips; it is taken out, so
the SVG is static and the report runs no code. Text in the charts (domain and capability names
from questionnaires and plugins) is escaped by the XML serialiser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report

COLOURS = ("#1f5f8b", "#c0392b", "#7f8c8d", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50")
FONT = "Helvetica, Arial, sans-serif"


def _style() -> Any:
    from pygal.style import Style

    return Style(
        background="white", plot_background="white", foreground="#222", foreground_strong="#111",
        foreground_subtle="#bbb", colors=COLOURS, font_family=FONT, label_font_family=FONT,
        major_label_font_family=FONT, value_font_family=FONT, value_label_font_family=FONT,
        title_font_family=FONT, legend_font_family=FONT, tooltip_font_family=FONT,
        label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=15, value_font_size=12,
    )


def _config(**extra: Any) -> dict[str, Any]:
    return {"js": [], "disable_xml_declaration": True, "style": _style(), "show_legend": True, "legend_at_bottom": True, **extra}


def _svg(chart: Any, name: str) -> str:
    """The chart as an SVG element with no script and no comment, its id and CSS scoped by name."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.rsplit("}", 1)[-1] == "script" or not isinstance(child.tag, str):
                parent.remove(child)
    from xml.etree import ElementTree

    if not isinstance(tree, ElementTree.Element):  # pygal uses lxml when it is installed
        from lxml import etree  # type: ignore[import-not-found]

        text = etree.tostring(tree, encoding="unicode")
    else:
        text = ElementTree.tostring(tree, encoding="unicode")
    text = text.replace(f"chart-{chart.uuid}", f"chart-{name}")
    # ElementTree names the SVG namespace ns0; a browser reading HTML wants plain tags
    text = re.sub(r"<(/?)ns0:", r"<\1", text).replace("xmlns:ns0=", "xmlns=")
    return text.replace("<svg ", f'<svg role="img" aria-label="{name} chart" data-chart="{name}" ', 1)


def radar(report: Report) -> str:
    import pygal

    chart = pygal.Radar(**_config(range=(0, 3), y_labels=[0, 1, 2, 3], truncate_label=36, fill=False, width=560, height=440, dots_size=4, show_dots=True))
    chart.title = "Index per domain (0 to 3)"
    shown = [d for d in report.domains if d.assessed]  # a domain not assessed has nothing to draw
    chart.x_labels = [d.name for d in shown]
    chart.add("Now", [d.index for d in shown])
    chart.add("Next stage", [float(min(3, d.stage + 1)) for d in shown])
    if report.benchmark is not None:
        chart.add("Peers (median)", [d.peers for d in shown])
    return _svg(chart, "radar")


def bars(report: Report) -> str:
    import pygal

    chart = pygal.HorizontalBar(**_config(range=(0, 100), y_labels=[0, 25, 50, 75, 100], truncate_label=40, width=560, height=60 + 42 * max(1, len(report.domains)), show_legend=False, print_values=True))
    chart.title = "Progress towards the whole target (%)" + ("; red: the weakest link" if any(d.weakest for d in report.domains) and not all(d.weakest for d in report.domains if d.assessed) else "")
    chart.value_formatter = lambda v: f"{v:.0f}%"
    # pygal draws horizontal bars bottom-up: reversed, the first domain is on top
    shown = [d for d in reversed(report.domains) if d.assessed]
    every = all(d.weakest for d in shown)
    chart.x_labels = [d.name for d in shown]
    chart.add("Progress", [
        {"value": round(d.percent, 1), "label": d.stage_name, "color": COLOURS[1] if d.weakest and not every else COLOURS[0]} for d in shown
    ])
    return _svg(chart, "bars")


def trend(report: Report) -> str | None:
    """Index per domain over the saved assessments, or None with fewer than two."""
    if len(report.trend) < 2:
        return None
    import pygal

    chart = pygal.Line(**_config(range=(0, 3), y_labels=[0, 0.5, 1, 1.5, 2, 2.5, 3], width=760, height=380, margin_right=36, dots_size=3, truncate_legend=40))
    chart.title = "Index per domain over the assessments"
    chart.x_labels = [f"{p.date:%d %b %Y}" for p in report.trend]  # dates as dates
    if len(report.trend) > 8:
        step = -(-len(report.trend) // 8)
        chart.x_labels_major = chart.x_labels[::step]
        chart.show_minor_x_labels = False
    for d in report.domains:
        points = [p.indices.get(d.domain) for p in report.trend]
        if any(v is not None for v in points):  # a domain never assessed is left out, not drawn at 0
            chart.add(d.name, points)
    return _svg(chart, "trend")


def kpis(report: Report) -> str | None:
    """KPI progress of each investment with a baseline, a target and a measurement."""
    shown = [i for i in report.investments if i.kpi_progress is not None]
    if not shown:
        return None
    import pygal

    chart = pygal.HorizontalBar(**_config(width=560, height=60 + 42 * len(shown), show_legend=False, print_values=True))
    chart.title = "KPI progress towards target (%)"
    chart.value_formatter = lambda v: f"{v:.0f}%"
    chart.x_labels = [i.capability for i in reversed(shown)]
    chart.add("KPI progress", [round(100 * (i.kpi_progress or 0.0), 1) for i in reversed(shown)])
    return _svg(chart, "kpis")


def all_charts(report: Report) -> dict[str, str]:
    """Every chart the report has, by name."""
    out = {"radar": radar(report), "bars": bars(report)}
    for name, make in (("trend", trend), ("kpis", kpis)):
        svg = make(report)
        if svg is not None:
            out[name] = svg
    return out


def with_inline_styles(svg: str) -> str:
    """The chart with its stylesheet applied to each element as a `style` attribute, for
    renderers that read no CSS (the PDF's SVG drawing). Rules that need a pointer (:hover)
    never apply; a style already on an element wins, as in a browser."""
    import cssselect2
    import tinycss2
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    matcher = cssselect2.Matcher()
    for style in list(root.iter("{http://www.w3.org/2000/svg}style")):
        for rule in tinycss2.parse_stylesheet(style.text or "", skip_whitespace=True, skip_comments=True):
            if rule.type != "qualified-rule":
                continue
            declarations = [
                (d.name, tinycss2.serialize(d.value).strip())
                for d in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
                if d.type == "declaration" and not d.name.startswith("-")
            ]
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                if selector.pseudo_element is None and ":hover" not in tinycss2.serialize(rule.prelude):
                    matcher.add_selector(selector, declarations)
    for element in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        found = sorted(matcher.match(element), key=lambda m: (m[0], m[1]))
        if not found:
            continue
        props: dict[str, str] = {}
        for _specificity, _order, _pseudo, declarations in found:
            props.update(declarations)
        node = element.etree_element
        for part in (node.get("style") or "").split(";"):
            if ":" in part:
                key, value = part.split(":", 1)
                props[key.strip()] = value.strip()
        node.set("style", ";".join(f"{k}:{v}" for k, v in props.items()))
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ElementTree.tostring(root, encoding="unicode")
