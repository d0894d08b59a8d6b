"""`rmcoach app`: the terminal UI (also what `rmcoach` alone opens)."""

import sys

import click


@click.command()
def app() -> None:
    """Open the app: prepare, rehearse, debrief and review in one keyboard-first terminal UI.

    \b
    Leaders prepare sessions and export plans, mentors rehearse feedback against a rubric,
    both debrief, and coordinators review the programme. With an empty store, a demo
    programme is seeded so there is something to explore. F1 shows the keys.

    \b
    Example:
      RMCOACH_HOME=/tmp/rmtry rmcoach app
    """
    run_app()


def open_or_explain(ctx: click.Context) -> None:
    """`rmcoach` alone: the app in a terminal; elsewhere (a pipe, CI) the help, to read."""
    if _in_a_terminal():
        run_app()
        return
    click.echo(ctx.get_help())
    click.echo("\n(The app opens when `rmcoach` runs in a terminal.)")


def run_app() -> None:
    if not _in_a_terminal():
        raise click.UsageError("the app needs a terminal; run it in one, or see `rmcoach --help`.")
    from assistant.tui.app import RmcoachApp

    RmcoachApp().run()


def _in_a_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
