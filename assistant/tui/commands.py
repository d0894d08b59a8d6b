"""The command palette's own commands: go to a screen, and whatever the screen in front offers."""

from collections.abc import Callable
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteCommand(NamedTuple):
    name: str
    help: str
    run: Callable[[], object]


class RmcoachCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = []
        for node in (self.screen, self.app):
            offered = getattr(node, "palette_commands", None)
            if offered is not None:
                commands += offered()
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
