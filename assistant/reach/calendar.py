"""A session plan as an iCalendar event (RFC 5545), for Outlook, Google Calendar and Thunderbird.

The `icalendar` library writes the file: CRLF line endings, lines folded at 75 octets, text
escaped, UTC times. The description carries what the plan holds for both people (the agenda with
its minutes, the reflection questions and the sources) as plain text, since calendars show no
Markdown. Both participants are attendees when the roster has their e-mail. Plans hold no private
note, so neither does the event.
"""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, vCalAddress

from assistant.files import write_atomically
from assistant.models import PairContext, Participant, SessionPlan
from assistant.plan_markdown import serves_label

PRODID = "-//rmcoach//reverse-mentoring coach//EN"
DEFAULT_TIME = time(10, 0)
REFLECT_BEFORE = timedelta(minutes=10)


def next_session_start(context: PairContext, today: date) -> datetime:
    """When the pair is next due (its last held session plus its cadence, or its start date),
    never before tomorrow, on a weekday at 10:00 local time."""
    held = [s.held_on for s in context.recent_summaries if s.status == "held"]
    due = max(held) + timedelta(days=context.pair.cadence_days) if held else context.pair.start_date
    day = max(due, today + timedelta(days=1))
    day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
    return datetime.combine(day, DEFAULT_TIME).astimezone()


def plan_event(
    plan: SessionPlan, context: PairContext, start: datetime, stamp: datetime | None = None
) -> bytes:
    """The plan as a one-event calendar file, starting at `start` (an aware or local time)."""
    begins = start.astimezone(UTC)
    leader, mentor = context.leader, context.mentor
    # The same pair and start give the same UID, so importing a revised plan updates the event.
    uid = f"rmcoach-{plan.pair_id}-{begins:%Y%m%dT%H%MZ}@rmcoach"
    event = Event.new(
        uid=uid,
        stamp=(stamp or datetime.now(UTC)).astimezone(UTC),
        start=begins,
        end=begins + timedelta(minutes=plan.minutes),
        summary=f"Reverse mentoring: {leader.name} and {mentor.name}",
        description=plan_description(plan, context),
        organizer=vCalAddress.new(leader.email, cn=leader.name) if leader.email else None,
        attendees=[_attendee(person) for person in (leader, mentor) if person.email] or None,
        subcomponents=[_reminder(plan)],
    )
    return Calendar.new(prodid=PRODID, uid=uid, subcomponents=[event]).to_ical()


def plan_description(plan: SessionPlan, context: PairContext) -> str:
    titles = {objective.id: objective.title for objective in context.objectives}
    lines = [
        f"Session {plan.session_number} ({plan.stage}), {plan.minutes} minutes: "
        f"{context.leader.name} with {context.mentor.name}",
        "",
        "Agenda",
    ]
    for item in plan.agenda:
        label = serves_label(item.serves, titles)
        lines.append(f"- {item.minutes} min: {item.title}. {item.purpose}")
        if label:
            lines[-1] += f" ({label})"
    lines += ["", "Before the session (leader, ten minutes)"]
    lines += [f"- {question}" for question in plan.reflection_before]
    lines += ["", "After the session (leader, within two hours)"]
    lines += [f"- {question}" for question in plan.reflection_after]
    lines += ["", "Sources"]
    lines += [f"- {source.doc} > {source.heading}" for source in plan.sources]
    return "\n".join(lines)


def _attendee(person: Participant) -> vCalAddress:
    assert person.email is not None
    return vCalAddress.new(
        person.email, cn=person.name, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp=True
    )


def _reminder(plan: SessionPlan) -> Alarm:
    # The plan's first reflection questions are meant for the ten minutes before the session.
    alarm = Alarm.new(
        description=f"Reverse-mentoring session in 10 minutes: {plan.reflection_before[0]}"
    )
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REFLECT_BEFORE)
    return alarm


def write_plan_event(path: Path, plan: SessionPlan, context: PairContext, start: datetime) -> str:
    """Write the event whole (or not at all) and say what was written, for a person to read."""
    write_atomically(path, plan_event(plan, context, start).decode("utf-8"))
    begins = start.astimezone()
    ends = begins + timedelta(minutes=plan.minutes)
    invited = [p.email for p in (context.leader, context.mentor) if p.email]
    missing = [p.name for p in (context.leader, context.mentor) if not p.email]
    said = f"Calendar event written to {path}: {begins:%a %d %b %Y %H:%M}-{ends:%H:%M}"
    said += f", attendees {', '.join(invited)}" if invited else ", no attendees"
    if missing:
        said += f" ({' and '.join(missing)}: no e-mail address known)"
    return said + "."
