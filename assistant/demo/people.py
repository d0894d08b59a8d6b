"""Believable people for the demo: leaders, mentors and coordinators across departments."""

import itertools
import random
import unicodedata
from collections import Counter
from datetime import date

from assistant.models import Participant

FIRST_NAMES = (
    "Aisha",
    "Ben",
    "Carmen",
    "Dev",
    "Elena",
    "Femi",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kavya",
    "Liam",
    "Maya",
    "Nikos",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amara",
    "Bruno",
    "Chloe",
    "Diego",
    "Eshan",
    "Fatima",
    "Gabriel",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
)
LAST_NAMES = (
    "Okafor",
    "Larsen",
    "Raman",
    "Mensah",
    "Dubois",
    "Khan",
    "Ortega",
    "Liu",
    "Adeyemi",
    "Haddad",
    "Chen",
    "Bello",
    "Novak",
    "Silva",
    "Tanaka",
    "Murphy",
    "Kowalski",
    "Nguyen",
    "Rossi",
    "Fischer",
    "Mbeki",
    "Ahmed",
    "Johansson",
    "Costa",
    "Patel",
    "O'Brien",
    "Yilmaz",
    "Moreau",
    "Schmidt",
    "Park",
    "Hughes",
    "Alvarez",
    "Osei",
    "Ivanova",
    "Lindqvist",
    "Das",
)
DEPARTMENTS = (
    "Finance",
    "Operations",
    "Sales",
    "Marketing",
    "IT",
    "Human Resources",
    "Legal",
    "Data & Analytics",
    "Customer Service",
    "Product",
    "Supply Chain",
    "Research & Development",
)
LEADER_SKILLS = (
    "strategy",
    "P&L ownership",
    "negotiation",
    "stakeholder management",
    "board reporting",
    "risk management",
    "change management",
    "budgeting",
    "crisis management",
    "public speaking",
    "mergers and acquisitions",
    "organisation design",
)
MENTOR_SKILLS = (
    "AI assistants",
    "prompt writing",
    "social media",
    "short-form video",
    "data visualisation",
    "no-code automation",
    "collaboration tools",
    "inclusive language",
    "accessibility testing",
    "employee networks",
    "community building",
    "gaming culture",
    "remote-first working",
    "sustainability campaigns",
    "spreadsheets",
    "python",
)
INTERESTS = (
    "running",
    "climbing",
    "jazz",
    "podcasts",
    "photography",
    "cooking",
    "football",
    "chess",
    "gardening",
    "volunteering",
    "theatre",
    "cycling",
    "board games",
    "travel",
    "music production",
)
LEADER_GOALS = {
    "digital-fluency": (
        "use AI assistants in my own work",
        "understand social media as our customers use it",
    ),
    "inclusion": (
        "make my meetings more inclusive",
        "understand the barriers early-career staff face",
    ),
    "leadership-perspective": (
        "hear candid views of our culture",
        "see my decisions as the front line sees them",
    ),
    "generational": (
        "understand how younger colleagues want to be led",
        "learn what makes graduates stay",
    ),
}
MENTOR_GOALS = (
    "see how strategic decisions are made",
    "build a network across the business",
    "practise presenting to executives",
    "learn to negotiate",
    "understand how budgets are set",
    "get feedback on my writing",
    "understand career paths into leadership",
)
SLOTS = ("mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm", "fri-am")


def names(rng: random.Random, count: int) -> list[str]:
    """Distinct names while there are enough combinations; repeats after that, as in a big firm."""
    combos = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, LAST_NAMES)]
    if count <= len(combos):
        return rng.sample(combos, count)
    return [rng.choice(combos) for _ in range(count)]


def _some(rng: random.Random, options: tuple[str, ...], low: int, high: int) -> list[str]:
    return rng.sample(options, rng.randint(low, high))


def leader(
    rng: random.Random, pid: str, name: str, kinds: list[str], cohort: str, joined: date
) -> Participant:
    return Participant(
        id=pid,
        name=name,
        role="leader",
        department=rng.choice(DEPARTMENTS),
        level=rng.choice((9, 10, 10, 11)),
        skills=_some(rng, LEADER_SKILLS, 2, 4),
        interests=_some(rng, INTERESTS, 1, 3),
        goals=[rng.choice(LEADER_GOALS[kind]) for kind in kinds],
        availability=_some(rng, SLOTS, 2, 3),
        cohort=cohort,
        joined=joined,
        consent_to_share=rng.random() < 0.92,
    )


def mentor(
    rng: random.Random, pid: str, name: str, avoid: str, cohort: str, joined: date
) -> Participant:
    """A junior from another department than their leader's (`avoid`): that is the point."""
    return Participant(
        id=pid,
        name=name,
        role="mentor",
        department=rng.choice([d for d in DEPARTMENTS if d != avoid]),
        level=rng.choice((1, 2, 2, 3, 3, 4)),
        skills=_some(rng, MENTOR_SKILLS, 2, 4),
        interests=_some(rng, INTERESTS, 1, 3),
        goals=_some(rng, MENTOR_GOALS, 1, 2),
        availability=_some(rng, SLOTS, 2, 4),
        cohort=cohort,
        joined=joined,
        consent_to_share=rng.random() < 0.9,
    )


def executive(name: str, cohort: str, joined: date) -> Participant:
    """The sponsor at the top of the hierarchy: every leader's manager, nobody's mentee here."""
    return Participant(
        id="EXEC-1",
        name=name,
        role="leader",
        department="Executive Office",
        level=12,
        skills=["strategy", "board relations"],
        goals=["see the programme change how we lead"],
        cohort=cohort,
        joined=joined,
    )


def coordinator(pid: str, name: str, cohort: str, joined: date) -> Participant:
    return Participant(
        id=pid,
        name=name,
        role="coordinator",
        department="Human Resources",
        level=7,
        manager_id="EXEC-1",
        skills=["programme management", "facilitation"],
        cohort=cohort,
        joined=joined,
    )


def with_emails(members: list[Participant]) -> list[Participant]:
    """Everyone gets first.last@example.org (a domain reserved for examples, so nothing sent to
    it reaches anyone), numbered from the second person of the same name on."""
    seen: Counter[str] = Counter()
    found = []
    for person in members:
        local = ".".join(_ascii(part) for part in person.name.split())
        seen[local] += 1
        suffix = str(seen[local]) if seen[local] > 1 else ""
        found.append(person.model_copy(update={"email": f"{local}{suffix}@example.org"}))
    return found


def _ascii(word: str) -> str:
    """'Tomás' -> 'tomas', "O'Brien" -> 'obrien': what a mail system makes of a name."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())
