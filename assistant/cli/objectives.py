"""`rmcoach objectives`: the catalogue of objective templates, and each pair's objectives."""

from typing import TYPE_CHECKING

import click

from assistant.cli.output import confirm, print_json, say
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.workspace.objectives import ObjectivesChange, OwnObjective
    from assistant.workspace.workspace import Workspace


@click.group()
def objectives() -> None:
    """Objectives give a pair's sessions a direction: two or three each, with success criteria.

    \b
    Examples:
      rmcoach objectives list --kind digital-fluency
      rmcoach objectives set --pair P-01 --template df-generative-ai
      rmcoach objectives show --pair P-01
    """


def _check_kind(kind: str | None) -> None:
    from assistant.models import OBJECTIVE_KINDS

    if kind is not None and kind not in OBJECTIVE_KINDS:
        raise click.BadParameter(
            f"{kind!r} is not a kind; use one of {', '.join(OBJECTIVE_KINDS)}", param_hint="--kind"
        )


@objectives.command("list")
@click.option(
    "--kind",
    help="Only this kind: digital-fluency, inclusion, leadership-perspective, "
    "generational or custom.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the templates as JSON.")
def list_templates(kind: str | None, as_json: bool) -> None:
    """Show the objective templates, with success criteria and session topic ideas.

    \b
    Examples:
      rmcoach objectives list
      rmcoach objectives list --kind inclusion --json
    """
    _check_kind(kind)
    templates = run(open_workspace().objective_templates(kind))
    if as_json:
        print_json(templates)
        return
    for template in templates:
        click.echo(f"{template.id} ({template.kind}): {template.title}")
        for criterion in template.success_criteria:
            click.echo(f"    done when: {criterion}")
        for topic in template.session_topics:
            click.echo(f"    session idea: {topic}")
        click.echo(f"    guidance: {template.guidance.cite()}")


@objectives.command("set")
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option(
    "--template",
    "template_ids",
    multiple=True,
    metavar="ID",
    help="Add the objective from this template. Repeatable.",
)
@click.option("--title", help="Add your own objective with this title.")
@click.option("--kind", default="custom", show_default=True, help="The kind of the --title one.")
@click.option(
    "--criteria",
    multiple=True,
    metavar="TEXT",
    help="A success criterion for the --title one. Repeatable; give two or three.",
)
@click.option(
    "--remove",
    "remove_ids",
    multiple=True,
    metavar="ID",
    help="Remove the pair's objective with this id. Repeatable.",
)
@click.option("--yes", is_flag=True, help="With --remove: do not ask for confirmation.")
def set_objectives(
    pair_id: str,
    template_ids: tuple[str, ...],
    title: str | None,
    kind: str,
    criteria: tuple[str, ...],
    remove_ids: tuple[str, ...],
    yes: bool,
) -> None:
    """Add objectives to a pair (from templates or your own) or remove them.

    Objectives already set keep their progress; adding a template the pair already has changes
    nothing. The guidance suggests two or three objectives per pair.

    \b
    Examples:
      rmcoach objectives set --pair P-01 --template df-generative-ai --template gen-channels
      rmcoach objectives set --pair P-01 --title "Understand how customers under 30 find us" \\
          --criteria "Three platforms explored together" --criteria "One insight shared"
      rmcoach objectives set --pair P-01 --remove gen-channels --yes
    """
    from assistant.workspace.objectives import OwnObjective

    if criteria and not title:
        raise click.UsageError("--criteria belongs to an objective of your own: add --title")
    if not (template_ids or title or remove_ids):
        raise click.UsageError("say what to change: --template, --title or --remove")
    if title and not criteria:
        raise click.UsageError("give the --title objective its success criteria with --criteria")
    _check_kind(kind)
    own = OwnObjective(title, criteria, kind) if title else None
    workspace = open_workspace()
    change = run(_change(workspace, pair_id, template_ids, own, remove_ids))
    if remove_ids:
        confirm(f"--remove deletes {', '.join(remove_ids)} and its progress from {pair_id}", yes)
    run(workspace.save_objectives(change))
    click.echo(f"Pair {pair_id} now has {len(change.objectives)} objectives:")
    for objective in change.objectives:
        say(f"  {objective.id} ({objective.kind}, {objective.progress}/100): {objective.title}")
    if change.too_many:
        click.echo(
            f"Note: {len(change.objectives)} objectives; the guidance suggests two or three, "
            "since more dilutes the sessions (objectives.md).",
            err=True,
        )


async def _change(
    workspace: "Workspace",
    pair_id: str,
    template_ids: tuple[str, ...],
    own: "OwnObjective | None",
    remove_ids: tuple[str, ...],
) -> "ObjectivesChange":
    """The change worked out by the workspace; an unknown --remove id is named as the option."""
    from assistant.cli.errors import render
    from assistant.workspace.objectives import NoSuchObjective

    try:
        return await workspace.objectives_change(pair_id, template_ids, own, remove_ids)
    except NoSuchObjective as error:
        raise click.UsageError(f"--remove {render(error)}") from error


@objectives.command("show")
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option("--json", "as_json", is_flag=True, help="Print the objectives as JSON.")
def show(pair_id: str, as_json: bool) -> None:
    """Show a pair's objectives: progress, how it moved session by session, and topic ideas.

    \b
    Example:
      rmcoach objectives show --pair P-01
    """
    statuses = run(open_workspace().objective_statuses(pair_id))
    if as_json:
        print_json(statuses)
        return
    if not statuses:
        click.echo(
            f"Pair {pair_id} has no objectives yet: pick from `rmcoach objectives list` and add "
            f"them with `rmcoach objectives set --pair {pair_id} --template ID`."
        )
        return
    for status in statuses:
        objective = status.objective
        say(f"{objective.id} ({objective.kind}): {objective.title}")
        click.echo(f"    progress {objective.progress}/100")
        for criterion in objective.success_criteria:
            say(f"    done when: {criterion}")
        moves = ", ".join(f"{p.held_on}: {p.progress}" for p in status.history)
        click.echo(f"    by session: {moves or 'no progress recorded yet'}")
        for topic in status.session_topics:
            click.echo(f"    session idea: {topic}")
