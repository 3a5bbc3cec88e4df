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


#: the colour rule of the progress bars, stated in their legend
BELOW, AT = "#c0392b", "#1e8449"


def _style(colours: tuple[str, ...] = COLOURS, size: int = 15) -> Any:
    from pygal.style import Style

    return Style(
        background="white", plot_background="white", foreground="#222", foreground_strong="#111",
        foreground_subtle="#bbb", colors=colours, font_family=FONT, label_font_family=FONT,
        major_label_font_family=FONT, value_font_family=FONT, value_label_font_family=FONT,
        title_font_family=FONT, legend_font_family=FONT, tooltip_font_family=FONT,
        label_font_size=size, major_label_font_size=size, legend_font_size=size, title_font_size=size + 2,
        value_font_size=size - 1, opacity=".9", opacity_hover=".9",
    )


def _config(**extra: Any) -> dict[str, Any]:
    style = extra.pop("style", None) or _style()
    return {"js": [], "disable_xml_declaration": True, "style": style, "show_legend": True, "legend_at_bottom": True, **extra}


def _svg(chart: Any, name: str, fix: Any = None) -> str:
    """The chart as an SVG element with no script and no comment, its id and CSS scoped by name."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.rsplit("}", 1)[-1] == "script" or not isinstance(child.tag, str):
                parent.remove(child)
    if fix is not None:
        fix(tree)
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


def _level_radar_labels(tree: Any) -> None:
    """pygal turns each domain's name along its spoke; level, anchored away from the centre,
    they read at print size."""
    labels = []
    for group in tree.iter():
        if str(group.tag).endswith("g") and "axis x web" in (group.get("class") or ""):
            labels += [t for t in group.iter() if str(t.tag).endswith("text") and (t.get("transform") or "").startswith("rotate(")]
    if not labels:
        return
    xs = [float(t.get("x")) for t in labels]
    centre = (min(xs) + max(xs)) / 2
    for t in labels:
        del t.attrib["transform"]
        dx = float(t.get("x")) - centre
        t.set("text-anchor", "middle" if abs(dx) < 8 else ("start" if dx > 0 else "end"))
        t.set("style", "text-anchor:" + t.get("text-anchor"))


def radar(report: Report) -> str:
    import pygal

    shown = report.assessed  # a domain not assessed has nothing to draw
    chart = pygal.Radar(**_config(
        range=(0, 3), y_labels=[0, 1, 2, 3], truncate_label=40, fill=False, width=980, height=520, dots_size=5,
        show_dots=True, margin_left=270, margin_right=270, style=_style(size=17), legend_box_size=14, truncate_legend=-1))
    chart.title = "Stage per domain (0 not started, 3 advanced)"
    chart.x_labels = [d.name for d in shown]
    chart.add("Now", [d.index for d in shown])
    chart.add("Next stage", [float(min(3, d.stage + 1)) for d in shown])
    if report.benchmark is not None:
        chart.add("Peers (median)", [d.peers for d in shown])
    return _svg(chart, "radar", _level_radar_labels)


def bars(report: Report) -> str:
    import pygal

    # pygal draws horizontal bars bottom-up: reversed, the first domain is on top
    shown = list(reversed(report.assessed))
    chart = pygal.HorizontalStackedBar(**_config(
        range=(0, 100), y_labels=[0, 25, 50, 75, 100], truncate_label=44, width=560,
        height=150 + 44 * max(1, len(shown)), style=_style((BELOW, AT), 16), legend_box_size=14, truncate_legend=-1, legend_at_bottom_columns=1))
    chart.title = "Progress towards the whole target"
    chart.value_formatter = lambda v: f"{v:.0f}%"
    chart.x_labels = [f"{d.name}: {d.percent:.0f}%" for d in shown]  # the figure beside the name, never run into it
    at = [d.to_go == "reached" for d in shown]
    chart.add("Below target", [None if done else round(d.percent, 1) for d, done in zip(shown, at)])
    chart.add("At target", [round(d.percent, 1) if done else None for d, done in zip(shown, at)])
    return _svg(chart, "bars")


def trend(report: Report) -> str | None:
    """Index per domain over the saved assessments, or None with fewer than two; the axis
    spaces the assessments by their dates."""
    if len(report.trend) < 2:
        return None
    import pygal

    chart = pygal.DateLine(**_config(
        range=(0, 3), y_labels=[0, 0.5, 1, 1.5, 2, 2.5, 3], width=760, height=400, margin_right=36, dots_size=3,
        truncate_legend=40, x_label_rotation=25, style=_style(size=14)))
    chart.title = "Stage per domain over the assessments (0 not started, 3 advanced)"
    chart.x_value_formatter = lambda day: f"{day:%d %b %Y}"
    days = [p.date for p in report.trend]
    chart.x_labels = days if len(days) <= 8 else days[:: -(-len(days) // 8)]
    for d in report.in_trend:  # a domain never assessed is left out, not drawn at 0
        chart.add(d.name, [(p.date, p.indices.get(d.domain)) for p in report.trend])
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
