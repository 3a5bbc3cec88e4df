"""The command palette's source of commands, with every name shown exactly as written.

Organisation, domain and capability names come from users and plugins; Textual's own provider
reads command names as markup, so a name such as ``Mia [/x] Shop`` would fail to draw and one
such as ``[bold]Shop[/]`` would be styled. Here names are always plain text.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider


class LiteralCommands(SystemCommandsProvider):
    """The app's system commands, names taken literally."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda command: command[0])
        for name, help_text, callback, discover in commands:
            if discover:
                yield DiscoveryHit(Content(name), callback, text=name, help=_literal_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score, offsets = matcher.fuzzy_search.match(matcher.query, name)
            if score <= 0:
                continue
            shown = Content(name)
            for offset in offsets:
                if not name[offset].isspace():
                    shown = shown.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(score, shown, callback, text=name, help=_literal_help(help_text))


def _literal_help(text: str) -> str:
    """Help text, escaped: the palette reads it as markup."""
    from textual.markup import escape

    return escape(text)
