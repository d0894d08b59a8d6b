"""`rmcoach prepare`: a plan for a pair's next session, readable or as JSON."""

import asyncio

import click

from assistant.cli.coaching import coach_errors, open_coach


@click.command()
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option(
    "--minutes",
    type=click.IntRange(15, 240),
    default=45,
    show_default=True,
    help="Length of the session; the agenda's minutes add up to it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (a SessionPlan).")
def prepare(pair_id: str, minutes: int, as_json: bool) -> None:
    """Plan a pair's next session: agenda, reflection questions, safety prompts and sources.

    The agenda opens with every open commitment, gives the objective that has moved least the
    main slot, and follows the guidance for a first, middle or closing session. With a model
    configured it plans and the plan is checked against the guidance; without one (or if the
    model's plan fails its checks) the offline guide builds it, and says so.

    \b
    Examples:
      rmcoach prepare --pair P-01
      rmcoach prepare --pair P-01 --minutes 60 --json > plan.json
    """
    with coach_errors():
        coach = open_coach()
        result = asyncio.run(coach.plan(pair_id, minutes))
        context = coach.store.pair_context(pair_id)
    if as_json:
        click.echo(result.notice, err=True)
        click.echo(result.plan.model_dump_json(indent=2))
        return
    from rich.console import Console
    from rich.markdown import Markdown

    from assistant.plan_markdown import plan_to_markdown
    from assistant.safe_text import printable

    click.secho(result.notice, fg="yellow" if result.drafted_by == "offline guide" else None)
    Console().print(Markdown(printable(plan_to_markdown(result.plan, context), multiline=True)))
