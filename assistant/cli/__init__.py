"""The `rmcoach` command line.

Subcommands live in their own modules and are imported only when used, so `rmcoach --help`
stays fast: command modules import click alone at the top and their heavy dependencies
(chromadb, openai, textual, sqlalchemy) inside the functions that need them.
"""

import atexit
import gc
import importlib

import click

# Registered first, so it runs last of the exit handlers (after logging has flushed its files):
# the interpreter's shutdown then skips a garbage-collection walk over every object that
# SQLAlchemy, pydantic and the rest built, 60-70 ms of each command's exit. What remains is
# freed by reference counting as before; files are closed by the code that opened them.
atexit.register(gc.freeze)

# name -> "module:attribute"; each module adds its own line.
_SUBCOMMANDS: dict[str, str] = {
    "knowledge": "assistant.cli.knowledge:knowledge",
    "roster": "assistant.cli.roster:roster",
    "pairs": "assistant.cli.pairs:pairs",
    "participants": "assistant.cli.participants:participants",
    "match": "assistant.cli.match:match",
    "objectives": "assistant.cli.objectives:objectives",
    "nudges": "assistant.cli.nudges:nudges",
    "survey": "assistant.cli.survey:survey",
    "log": "assistant.cli.log:log",
    "demo": "assistant.cli.demo:demo",
    "report": "assistant.cli.report:report",
    "app": "assistant.cli.app:app",
    "rehearse": "assistant.cli.rehearse:rehearse",
    "prepare": "assistant.cli.prepare:prepare",
    "ask": "assistant.cli.ask:ask",
    "whoami": "assistant.cli.whoami:whoami",
    "access": "assistant.cli.access:access",
    "notes": "assistant.cli.notes:notes",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_SUBCOMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _SUBCOMMANDS:
            return super().get_command(ctx, name)
        module_name, attribute = _SUBCOMMANDS[name].split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as error:
            from assistant.config import settings_problem

            problem = settings_problem(error)
            if problem is None:
                raise
            raise click.ClickException(problem) from error


@click.group(
    cls=_LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="rmcoach")
@click.pass_context
def main(ctx: click.Context) -> None:
    """rmcoach coaches reverse-mentoring pairs: a junior mentor and the senior leader they mentor.

    Run with no command to open the app (a demo programme is loaded if the store is empty).

    \b
    Leaders:      rmcoach prepare --pair P-001          a plan for the next session
    Mentors:      rmcoach rehearse --check "You always cut juniors off in meetings."
    Both:         rmcoach log --pair P-001              record a session summary
    Coordinators: rmcoach roster import examples/roster.csv, then rmcoach match --explain,
                  rmcoach report, rmcoach nudges
    Anyone:       rmcoach ask "How do I invite candour?" --as leader

    Data lives in $RMCOACH_HOME (default: your XDG data folder). Set OPENAI_API_KEY and/or
    OPENAI_BASE_URL to use a model server; without them rmcoach answers with its offline guide.
    Every command has --help with examples.
    """
    from assistant.files import private_umask

    private_umask()
    if ctx.invoked_subcommand is None:
        from assistant.cli.app import open_or_explain

        open_or_explain(ctx)
