"""The app's two themes, and the few colours replaced in them so that every text stays readable."""

from __future__ import annotations

DARK, LIGHT = "textual-dark", "textual-light"

#: Colours that reach 4.5:1 against every background they are drawn on (tests/tui/test_contrast.py
#: computes it, and checks what every screen draws): a darker highlighted row, so coloured text
#: stays readable on it; in the light theme darker accent, success and warning text; the sides of
#: text boxes (3:1, as WCAG asks of a control's outline) and a darker primary button.
READABLE_DARK = {
    "block-cursor-background": "#0B2E4F",
    "text-error": "#E48FA3",
    "input-outline": "#8A8A8A",
    "button-primary-background": "#0B5EA8",
}
READABLE_LIGHT = {
    "block-cursor-background": "#CFE0F0",
    "block-cursor-blurred-background": "#C8D4DE",
    "input-outline": "#6B6B6B",
    "button-primary-background": "#004578",
    "text-accent": "#6E4200",
    "text-warning": "#6E4200",
    "text-success": "#1B5E31",
    "footer-key-foreground": "#004578",
}
