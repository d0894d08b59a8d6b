"""`rmcoach demo`: fill the store with a realistic synthetic programme to explore."""

from datetime import date

import click

from assistant.cli.options import today_option
from assistant.cli.output import confirm
from assistant.cli.workspace import open_workspace, run


@click.command()
@click.option(
    "--pairs",
    "pair_count",
    type=click.IntRange(1, 100_000),
    default=12,
    show_default=True,
    help="How many pairs.",
)
@click.option(
    "--months",
    type=click.IntRange(1, 36),
    default=6,
    show_default=True,
    help="How long ago the programme started.",
)
@click.option(
    "--seed", type=int, default=7, show_default=True, help="The same seed gives the same programme."
)
@today_option(help="Date to build up to (default: today).")
@click.option("--replace", is_flag=True, help="Delete the whole programme in the store first.")
@click.option("--yes", is_flag=True, help="With --replace: do not ask for confirmation.")
def demo(
    pair_count: int, months: int, seed: int, today: date | None, replace: bool, yes: bool
) -> None:
    """Load a synthetic programme: people across departments and levels, pairs with
    objectives, and sessions whose ratings, cancellations and follow-through vary, with some
    pairs drifting into trouble. Everything is made up; the same options give the same data.

    The store must be empty, so the demo never mixes with real data; --replace deletes
    everything in it (people, pairs, sessions and private notes) and loads the demo instead,
    after asking (on a terminal; elsewhere give --yes). A shared store never takes a demo.

    \b
    Examples:
      rmcoach demo
      rmcoach demo --pairs 40 --months 9 --seed 3 --replace --yes
    """
    from collections import Counter

    workspace = open_workspace(today)
    if replace and run(workspace.demo_would_replace()):
        confirm("--replace deletes everything in the store: people, pairs, sessions, notes", yes)
    loaded = run(workspace.load_demo(seed=seed, pairs=pair_count, months=months, replace=replace))
    programme = loaded.programme
    arcs = ", ".join(f"{n} {arc}" for arc, n in sorted(Counter(programme.arcs.values()).items()))
    people, pairs = len(programme.participants), len(programme.pairs)
    click.echo(f"Loaded a demo programme: {people} participants, {pairs} pairs, ", nl=False)
    click.echo(f"{loaded.sessions} sessions. Pairs by health: {arcs}.")
    click.echo("Try: rmcoach pairs list")
