"""`rmcoach match`: propose leader-mentor pairs, explained, and save them on request."""

from typing import TYPE_CHECKING

import click

from assistant.cli.output import say
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.matching.results import MatchResult, Proposal


def _person_pairs(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        leader_id, colon, mentor_id = value.partition(":")
        if not colon or not leader_id or not mentor_id:
            raise click.BadParameter(
                f"{value!r}: write LEADER:MENTOR with both ids, e.g. L-001:M-004", param=param
            )
        pairs.append((leader_id.strip(), mentor_id.strip()))
    return pairs


@click.command()
@click.option("--cohort", help="Match this cohort only (default: every cohort, each on its own).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@click.option("--explain", is_flag=True, help="Also show each score's parts and goal matches.")
@click.option(
    "--lock",
    multiple=True,
    metavar="LEADER:MENTOR",
    callback=_person_pairs,
    help="Keep this pair; match everyone else around it. Repeatable.",
)
@click.option(
    "--forbid",
    multiple=True,
    metavar="LEADER:MENTOR",
    callback=_person_pairs,
    help="Never propose this pair. Repeatable.",
)
@click.option(
    "--rematch",
    multiple=True,
    metavar="PAIR",
    help="Close this open pair and match both people anew (not with each other). Repeatable.",
)
@click.option("--save", is_flag=True, help="Create the proposed pairs (one transaction).")
def match(
    cohort: str | None,
    as_json: bool,
    explain: bool,
    lock: list[tuple[str, str]],
    forbid: list[tuple[str, str]],
    rematch: tuple[str, ...],
    save: bool,
) -> None:
    """Propose the best leader-mentor pairs for each cohort, with the reasons for each.

    Scores every leader against every free mentor (goal fit, shared tags, perspective,
    availability; weights under [matching] in the settings) and picks the set of pairs with the
    highest total. Never pairs two people in one reporting line, never proposes a forbidden or
    former pair, and leaves people already in an open pair alone. Anyone left over is listed
    with the reason; roster rows that stop a check are listed with the row and field to fix.
    Nothing changes unless you add --save.

    \b
    Examples:
      rmcoach match --cohort 2025-spring --explain
      rmcoach match --lock L-001:M-004 --forbid L-002:M-007
      rmcoach match --rematch P-003 --save
    """
    from assistant.matching.rules import Request

    request = Request(cohort=cohort, locks=lock, forbids=forbid, rematch=rematch)
    matched = run(open_workspace().match(request, save=save))
    if as_json:
        _print_json(matched.result, matched.saved)
    else:
        _print_text(matched.result, explain, matched.saved)


def _print_json(result: "MatchResult", saved: list[str] | None) -> None:
    import json

    payload = result.model_dump(mode="json")
    payload["saved"] = saved
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _print_text(result: "MatchResult", explain: bool, saved: list[str] | None) -> None:
    for summary in result.cohorts:
        paired = f"; {summary.already_paired} pairs already made are left as they are"
        click.echo(
            f"Cohort {summary.cohort}: {summary.proposed} pairs proposed from "
            f"{summary.free_leaders} free leaders and {summary.free_mentors} free mentors"
            f"{paired if summary.already_paired else ''} (total score {summary.total_score:.2f})"
        )
        for proposal in (p for p in result.proposals if p.cohort == summary.cohort):
            _print_proposal(proposal, explain)
        left = [u for u in result.unmatched if u.cohort == summary.cohort]
        if left:
            click.echo("  Unmatched:")
            for person in left:
                click.echo(
                    f"    {person.name} ({person.person_id}, {person.role}): {person.reason}"
                )
        click.echo()
    if result.problems:
        click.echo("Roster problems (fix these rows, then match again):")
        # The store keeps no CSV row numbers: the participant id is the row to look for.
        for problem in result.problems:
            click.echo(f"  {problem.participant_id}, {problem.field}: {problem.message}")
        click.echo()
    _print_outcome(result, saved)


def _print_proposal(proposal: "Proposal", explain: bool) -> None:
    locked = " [locked]" if proposal.locked else ""
    say(
        f"  {proposal.leader_name} ({proposal.leader_id}) with {proposal.mentor_name} "
        f"({proposal.mentor_id}): score {proposal.score:.2f}{locked}"
    )
    for fact in proposal.explanation.facts:
        say(f"    - {fact}")
    if not explain:
        return
    parts = " + ".join(
        f"{part.name.replace('_', ' ')} {part.value:.2f}x{part.weight:g}"
        for part in proposal.explanation.parts
    )
    click.echo(f"    score = {parts} = {proposal.score:.2f}")
    for goal in proposal.explanation.goal_matches:
        if goal.phrase is None:
            say(f"    goal {goal.goal!r}: the mentor listed no skills or interests")
            continue
        say(
            f"    goal {goal.goal!r} <- {goal.phrase_kind} {goal.phrase!r} "
            f"(similarity {goal.similarity:.3f}, credit {goal.credit:.2f})"
        )


def _print_outcome(result: "MatchResult", saved: list[str] | None) -> None:
    closing = ", ".join(result.closing)
    if not result.proposals and not closing:
        click.echo("No pairs to propose.")
    elif saved is None:
        close = f" and close {closing}" if closing else ""
        count = len(result.proposals)
        click.echo(f"Nothing saved: run again with --save to create these {count} pairs{close}.")
    else:
        closed = f"; closed {closing}" if closing else ""
        click.echo(f"Saved {len(saved)} pairs: {', '.join(saved) or 'none'}{closed}.")
