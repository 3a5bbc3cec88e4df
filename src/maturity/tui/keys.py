"""Keys every screen shares."""

from __future__ import annotations

from textual.binding import Binding

#: Quit from anywhere, dialogs and text boxes included (every answer is already saved). The app
#: binds it for full screens; a dialog (modal screen) shows only its own keys, so each adds it.
QUIT = Binding("ctrl+q", "app.quit", "Quit", key_display="^q", priority=True, tooltip="Quit; every answer is already saved.")
