"""Readable in both themes: every text colour the app uses reaches WCAG AA contrast (4.5:1) on
every background it is drawn on, the highlighted row included, computed from the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from maturity.catalog import Catalog

from .tui_support import make_app, run, settle

TEXTS = ["text", "text-muted", "text-accent", "text-error", "text-success", "text-warning"]
BACKGROUNDS = ["background", "surface", "panel", "block-cursor-background"]
AA = 4.5


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def resolve(value: str, background: Color) -> Color:
    """A theme colour as drawn over `background` ("auto 60%" is Textual's contrasting text)."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


def test_the_contrast_formula() -> None:
    assert contrast(Color.parse("#000000"), Color.parse("#FFFFFF")) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color.parse("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@run
async def test_every_text_colour_reaches_aa_on_every_background(theme: str, catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        variables = app.get_css_variables()
    app.shutdown()
    short = []
    for back in BACKGROUNDS:
        background = Color.parse(variables[back])
        for text in TEXTS:
            ratio = contrast(resolve(variables[text], background), background)
            if ratio < AA:
                short.append(f"${text} on ${back}: {ratio:.1f}:1")
    cursor = Color.parse(variables["block-cursor-background"])
    ratio = contrast(resolve(variables["block-cursor-foreground"], cursor), cursor)
    if ratio < AA:
        short.append(f"highlighted row text: {ratio:.1f}:1")
    footer = Color.parse(variables["footer-background"])
    for text in ("footer-key-foreground", "footer-description-foreground"):
        ratio = contrast(resolve(variables[text], footer), footer)
        if ratio < AA:
            short.append(f"${text} on the footer: {ratio:.1f}:1")
    assert not short, short
