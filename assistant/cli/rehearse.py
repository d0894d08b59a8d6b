"""`rmcoach rehearse`: practise upward feedback against the rubric, with a leader in character."""

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from assistant.agent.personas import Persona
    from assistant.agent.rehearsal import Rehearsal
    from assistant.agent.rubric import RubricResult
    from assistant.models import Pair
    from assistant.workspace.workspace import Workspace

QUIT = ":q"


@click.command()
@click.option("--check", "check_text", metavar="TEXT", help="Score one piece of feedback.")
@click.option("--json", "as_json", is_flag=True, help="With --check: print the score as JSON.")
@click.option("--pair", "pair_id", help="Rehearse for this pair (see `rmcoach pairs list`).")
@click.option(
    "--persona",
    help='With --pair: a built-in leader by name, or your own as "Name, Role, disposition".',
)
@click.option("--topic", help="With --pair: what the feedback is about (asked if not given).")
def rehearse(
    check_text: str | None,
    as_json: bool,
    pair_id: str | None,
    persona: str | None,
    topic: str | None,
) -> None:
    """Rehearse candid feedback to your leader, and get coached on each attempt.

    Every attempt is scored on seven criteria: situation, behaviour, impact, a specific request,
    tone, no absolutes and no hedging. Each gets 0-2 with the words that decided it, and you get
    a suggested rewrite. In a rehearsal the leader answers in character first (busy, defensive,
    curious, warm or sceptical); type :q to finish and see how your score moved. Nothing you
    type is stored.

    \b
    Examples:
      rmcoach rehearse --check "You always send emails at midnight."
      rmcoach rehearse --check "In Monday's review you cut Sam off twice." --json
      rmcoach rehearse --pair P-01 --persona Helen --topic "late-night emails"
      rmcoach rehearse --pair P-01 --persona "Sam Lee, Chief Technology Officer, defensive"
    """
    if (check_text is None) == (pair_id is None):
        raise click.UsageError('give either --check "TEXT" or --pair ID')
    if check_text is not None:
        if persona or topic:
            raise click.UsageError("--persona and --topic go with --pair, not --check")
        _check(check_text, as_json)
    else:
        if as_json:
            raise click.UsageError("--json goes with --check")
        _rehearse(pair_id or "", persona, topic)


def _check(text: str, as_json: bool) -> None:
    from assistant.cli.workspace import open_workspace, run

    if not text.strip():
        raise click.UsageError("--check needs the feedback you would give, in quotes")
    result = run(open_workspace().score_feedback(text))
    if as_json:
        click.echo(result.model_dump_json(indent=2))
    else:
        _print_card(result)


def _print_card(result: "RubricResult") -> None:
    from assistant.agent.rubric import MAX_SCORE, MAX_TOTAL

    click.secho(f"Score {result.total}/{MAX_TOTAL}", bold=True)
    for criterion in result.criteria:
        mark = click.style("✓", fg="green") if criterion.passed else click.style("✗", fg="red")
        click.echo(f"  {mark} {criterion.id:<10} {criterion.score}/{MAX_SCORE}  {criterion.reason}")
        if criterion.quote:
            click.echo(f'{"":16}"{criterion.quote}"')
    click.secho("Suggested rewrite:", bold=True)
    click.echo(f"  {result.rewrite}")


def _rehearse(pair_id: str, persona_name: str | None, topic: str | None) -> None:
    from assistant.agent.personas import PersonaError
    from assistant.agent.rehearsal import Rehearsal
    from assistant.cli.workspace import open_workspace, run

    workspace = open_workspace()
    pair = run(workspace.glance(pair_id)).context.pair
    try:
        persona = _choose_persona(persona_name)
        rehearsal = Rehearsal(persona, topic or _ask_topic(pair))
    except (PersonaError, ValueError) as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Rehearsing for pair {pair.id} with {persona.describe()}. Type {QUIT} to finish.")
    speaker = _speaker(workspace, persona)
    click.echo(speaker + rehearsal.opening())
    _attempts(workspace, rehearsal, speaker)
    _print_progress(rehearsal)


def _speaker(workspace: "Workspace", persona: "Persona") -> str:
    from assistant.agent.guide import OFFLINE_LABEL

    offline = "" if workspace.online else f" ({OFFLINE_LABEL})"
    return click.style(f"{persona.name}{offline}: ", bold=True)


def _choose_persona(name: str | None) -> "Persona":
    from assistant.agent.personas import builtin_personas, find_persona

    if name:
        return find_persona(name)
    builtins = builtin_personas()
    for number, persona in enumerate(builtins, start=1):
        click.echo(f"  {number}. {persona.describe()}")
    click.echo('  or describe your own: "Name, Role, disposition"')
    choice = click.prompt("Rehearse with", default="1").strip()
    if choice.isdigit() and 1 <= int(choice) <= len(builtins):
        return builtins[int(choice) - 1]
    return find_persona(choice)


def _ask_topic(pair: "Pair") -> str:
    suggestion = pair.objectives[0].title if pair.objectives else None
    if pair.objectives:
        click.echo("This pair's objectives: " + "; ".join(o.title for o in pair.objectives))
    return click.prompt("What is your feedback about?", default=suggestion)


def _attempts(workspace: "Workspace", rehearsal: "Rehearsal", speaker: str) -> None:
    from assistant.cli.workspace import run

    while True:
        try:
            text = click.prompt("You", default="", show_default=False).strip()
        except click.Abort:
            click.echo()
            return
        if text == QUIT:
            return
        if text:
            run(_attempt(workspace, rehearsal, text, speaker))


async def _attempt(workspace: "Workspace", rehearsal: "Rehearsal", text: str, speaker: str) -> None:
    """The leader's reply as it streams, then the rubric card; a failed turn says why."""
    from assistant.workspace.events import AttemptScored, TextDelta, TurnDone, TurnError

    click.echo(speaker, nl=False)
    scored = None
    async for event in workspace.rehearse(rehearsal, text):
        match event:
            case TextDelta(text=fragment):
                click.echo(fragment, nl=False)
            case AttemptScored(attempt=attempt):
                scored = attempt
            case TurnDone():
                click.echo()
            case TurnError(message=message):
                click.echo()
                click.secho(message, fg="red")
    if scored is not None:
        _print_card(scored.result)


def _print_progress(rehearsal: "Rehearsal") -> None:
    scores = rehearsal.progress()
    if not scores:
        click.echo("No attempts this time; nothing to summarise.")
        return
    from assistant.workspace.rehearsals import progress_lines

    click.secho("Your rehearsal:", bold=True)
    for line in progress_lines(scores):
        click.echo(f"  {line}")
