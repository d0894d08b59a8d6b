"""Use cases for opening a programme's guidance: index it once, say whether it is there."""

from assistant.workspace.parts import Parts


class SetupUseCases(Parts):
    async def prepare_guidance(self) -> bool:
        """Index the guidance (or finish an interrupted ingest); True when it had to."""
        return await self.off_loop(self.knowledge.ensure_ingested)

    async def guidance_is_indexed(self) -> bool:
        return await self.off_loop(
            lambda: not self.knowledge.unfinished_ingest() and bool(self.knowledge.sections())
        )
