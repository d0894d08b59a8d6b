"""`rmcoach objectives`: the catalogue of objective templates, and each pair's objectives."""

from typing import TYPE_CHECKING

import click

from assistant.cli.programme import confirm, open_store, say, store_errors

if TYPE_CHECKING:
    from assistant.models import Objective
    from assistant.objectives.catalogue import Catalogue


@click.group()
def objectives() -> None:
    """Objectives give a pair's sessions a direction: two or three each, with success criteria.

    \b
    Examples:
      rmcoach objectives list --kind digital-fluency
      rmcoach objectives set --pair P-01 --template df-generative-ai
      rmcoach objectives show --pair P-01
    """


def _catalogue() -> "Catalogue":
    from assistant.objectives.catalogue import CatalogueError, bundled_catalogue

    try:
        return bundled_catalogue()
    except CatalogueError as error:
        raise click.ClickException(str(error)) from error


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
    from assistant.cli.programme import print_json

    _check_kind(kind)
    templates = _catalogue().of_kind(kind)
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
    if criteria and not title:
        raise click.UsageError("--criteria belongs to an objective of your own: add --title")
    if not (template_ids or title or remove_ids):
        raise click.UsageError("say what to change: --template, --title or --remove")
    if title and not criteria:
        raise click.UsageError("give the --title objective its success criteria with --criteria")
    _check_kind(kind)
    with store_errors():
        store = open_store("objectives set")
        current = store.pair(pair_id).objectives
        wanted = _changed(current, template_ids, title, kind, criteria, remove_ids)
        if remove_ids:
            confirm(
                f"--remove deletes {', '.join(remove_ids)} and its progress from {pair_id}", yes
            )
        store.set_objectives(pair_id, wanted)
    click.echo(f"Pair {pair_id} now has {len(wanted)} objectives:")
    for objective in wanted:
        say(f"  {objective.id} ({objective.kind}, {objective.progress}/100): {objective.title}")
    _warn_if_many(len(wanted))


def _changed(
    current: "list[Objective]",
    template_ids: tuple[str, ...],
    title: str | None,
    kind: str,
    criteria: tuple[str, ...],
    remove_ids: tuple[str, ...],
) -> "list[Objective]":
    from pydantic import ValidationError

    from assistant.models import Objective
    from assistant.objectives.catalogue import CatalogueError, custom_objective_id

    unknown = [i for i in remove_ids if i not in {o.id for o in current}]
    if unknown:
        have = ", ".join(o.id for o in current) or "none"
        raise click.UsageError(
            f"--remove {', '.join(unknown)}: the pair has no such objective; it has {have}"
        )
    kept = [o for o in current if o.id not in remove_ids]
    ids = {o.id for o in kept}
    try:
        for template in (_catalogue().get(t) for t in dict.fromkeys(template_ids)):
            if template.id not in ids:
                kept.append(template.objective())
                ids.add(template.id)
        if title:
            new_id = custom_objective_id(title, ids)
            fields = {"id": new_id, "title": title, "kind": kind, "success_criteria": criteria}
            kept.append(Objective.model_validate(fields))
    except CatalogueError as error:
        raise click.UsageError(str(error)) from error
    except ValidationError as error:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise click.UsageError(f"the new objective is not valid: {reasons}") from error
    return kept


def _warn_if_many(count: int) -> None:
    from assistant.objectives.progress import MOST_OBJECTIVES

    if count > MOST_OBJECTIVES:
        click.echo(
            f"Note: {count} objectives; the guidance suggests two or three, since more dilutes "
            "the sessions (objectives.md).",
            err=True,
        )


@objectives.command("show")
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option("--json", "as_json", is_flag=True, help="Print the objectives as JSON.")
def show(pair_id: str, as_json: bool) -> None:
    """Show a pair's objectives: progress, how it moved session by session, and topic ideas.

    \b
    Example:
      rmcoach objectives show --pair P-01
    """
    from assistant.cli.programme import print_json
    from assistant.objectives.progress import objective_statuses

    with store_errors():
        store = open_store()
        pair = store.pair(pair_id)
        statuses = objective_statuses(pair.objectives, store.sessions(pair_id), _catalogue())
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
