"""Readable in both themes: every text colour the app uses reaches WCAG AA contrast (4.5:1) on
every background it is drawn on, the highlighted row included, computed from the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from maturity.catalog import Catalog
from maturity.tui.app import MaturityApp

from .test_snapshots import SCENES, seeded
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
    for back in ("background", "surface", "panel"):
        background = Color.parse(variables[back])
        for outline in ("input-outline", "border"):  # text boxes, lists, the chosen tab
            ratio = contrast(resolve(variables[outline], background), background)
            if ratio < 3.0:
                short.append(f"${outline} on ${back}: {ratio:.1f}:1 (3:1 for a control)")
    footer = Color.parse(variables["footer-background"])
    for text in ("footer-key-foreground", "footer-description-foreground"):
        ratio = contrast(resolve(variables[text], footer), footer)
        if ratio < AA:
            short.append(f"${text} on the footer: {ratio:.1f}:1")
    assert not short, short


# -- what is drawn: every screen, in both themes, as the keyboard moves the focus -------------

#: Glyphs that are a control's state or outline (an unticked or ticked box, a radio button, a
#: text box's sides; the chosen tab's underline shares its glyph with the track, so its colour is
#: checked in the theme's colours above): WCAG AA asks 3:1 for them (1.4.11), and 4.5:1 for letters and digits.
CONTROL_GLYPHS = set("X●▊▎")
#: How many times the focus is moved on with tab, to see every focus state of a form.
TABS = {"onboarding": 12, "new-organisation": 2, "not-applicable": 2, "note": 4, "invest": 6, "finish": 2}


def drawn_shortfalls(app: MaturityApp) -> set[str]:
    """Every letter, digit or control glyph on screen drawn below AA against its background.

    Under a dialog the screen behind it is dimmed and takes no keys (WCAG exempts inactive
    controls): only the dialog itself is checked."""
    update = app.screen._compositor.render_update(full=True, screen_stack=[])
    short = set()
    for y, line in enumerate(update.strips):
        for segment in (segment for strip in line for segment in strip):
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            fore, back = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
            if style.reverse:
                fore, back = back, fore
            text = segment.text
            if any(c.isalnum() for c in text) and not set(text) <= CONTROL_GLYPHS:
                need = AA
            elif set(text.strip()) & CONTROL_GLYPHS:
                need = 3.0
            else:
                continue  # spaces, scroll bars, rules and the edges of buttons
            ratio = contrast(fore, back)
            if ratio < need:
                short.add(f"{text.strip()[:24]!r} ({fore.hex} on {back.hex}, line {y}): {ratio:.1f}:1")
    return short


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("scene", list(SCENES))
@run
async def test_every_screen_draws_its_text_and_controls_at_aa(scene: str, theme: str, catalog: Catalog, db: Path) -> None:
    seed, steps = SCENES[scene]
    if seed:
        seeded(db, catalog)
    app = make_app(catalog, db, theme=theme)
    short: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await steps(pilot)
        short |= drawn_shortfalls(app)
        for _ in range(TABS.get(scene, 0)):
            await pilot.press("tab")
            await settle(pilot)
            short |= {f"{type(app.focused).__name__} focused: {s}" for s in drawn_shortfalls(app)}
    app.shutdown()
    assert not short, sorted(short)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@run
async def test_the_profile_form_own_figures_draw_at_aa(theme: str, catalog: Catalog, db: Path) -> None:
    """The fields at the end of the profile form, past the tabs above: the outside-help box
    ticked and unticked, focused and not."""
    seed, steps = SCENES["onboarding"]
    seeded(db, catalog)
    app = make_app(catalog, db, theme=theme)
    short: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await steps(pilot)
        for field in ("revenue", "help-allowed", "help-rate"):
            widget = app.screen.query_one(f"#{field}")
            widget.focus()
            widget.scroll_visible(animate=False)
            await settle(pilot)
            # focusing scrolls the form with an animation: draw where it ends, not part way
            await pilot.wait_for_scheduled_animations()
            short |= {f"#{field} focused: {s}" for s in drawn_shortfalls(app)}
            if field == "help-allowed":
                await pilot.press("space")  # unticked
                await settle(pilot)
                short |= {f"#{field} unticked: {s}" for s in drawn_shortfalls(app)}
    app.shutdown()
    assert not short, sorted(short)
