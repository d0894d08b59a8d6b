"""`rmcoach ask`: one question, answered from the guidance and streamed, with its sources."""

from typing import TYPE_CHECKING, cast

import click

from assistant.cli.workspace import guidance_ready, open_workspace, run

if TYPE_CHECKING:
    from assistant.models import Role, SourceRef
    from assistant.workspace.workspace import Workspace


@click.command()
@click.argument("question")
@click.option(
    "--pair", "pair_id", help="Answer with this pair's context (objectives, commitments)."
)
@click.option(
    "--as",
    "role",
    type=click.Choice(["leader", "mentor", "coordinator"]),
    default="leader",
    show_default=True,
    help="Who is asking: the answer speaks from that side of the power gap.",
)
def ask(question: str, pair_id: str | None, role: str) -> None:
    """Ask the coach a question; the answer is grounded in the guidance and lists its sources.

    With a model configured the answer streams from it; without one, the offline guide answers
    with the most relevant guidance, condensed. Either way every source is a section of the
    guidance you can read with `rmcoach knowledge search`.

    \b
    Examples:
      rmcoach ask "How do I invite candid feedback from my mentor?"
      rmcoach ask "How do I tell my leader their emails are too long?" --as mentor
      rmcoach ask "What should I cover next time?" --pair P-01
    """
    if not question.strip():
        raise click.UsageError('ask needs a question, in quotes: rmcoach ask "How do I start?"')
    run(_answer(open_workspace(), question, cast("Role", role), pair_id))


async def _answer(workspace: "Workspace", question: str, role: "Role", pair_id: str | None) -> None:
    from assistant.agent.guide import OFFLINE_LABEL
    from assistant.workspace.events import FellBack, SourcesCited, TextDelta, TurnDone, TurnError

    await guidance_ready(workspace)
    sources: tuple[SourceRef, ...] = ()
    label = workspace.coach_label
    async for event in workspace.ask(question, role, pair_id):
        match event:
            case TextDelta(text=text):
                click.echo(text, nl=False)
            case SourcesCited(sources=cited):
                sources = cited
            case FellBack():
                label = f"{OFFLINE_LABEL}, as the model did not answer"
            case TurnError(message=message):
                click.echo()
                raise click.ClickException(message)
            case TurnDone():
                click.echo()
    if sources:
        click.echo("\nSources:")
        for source in sources:
            click.echo(f"  {source.cite()}")
    click.secho(f"\nAnswered by: {label}", dim=True)
