"""Synthetic cohorts with planted ideal partners, for the matching quality test and benchmark.

Leader i learns about one topic; mentor i knows that topic, works in another department, sits
at least six levels below and shares two free slots: the planted ideal partner. Every other
mentor is drawn at random, and most of them differ in department and level too, so perspective
and availability barely separate the planted partner from the rest; the goal fit must. Only
even-numbered topics also share an exact interest tag, so the odd ones rely on the semantic
goal fit alone.
"""

import random
from dataclasses import dataclass

from assistant.models import Participant

# (two ways a leader words the goal, two skills a mentor lists, a shared interest tag)
TOPICS: tuple[tuple[tuple[str, str], tuple[str, str], str], ...] = (
    (
        ("understand how graduates use TikTok", "learn what makes short videos go viral"),
        ("TikTok content creation", "short-form video"),
        "creator economy",
    ),
    (
        ("draft reports faster with generative AI", "use ChatGPT safely for summaries"),
        ("generative AI", "prompt engineering"),
        "artificial intelligence",
    ),
    (
        ("analyse team data in Python", "learn basic data analysis with code"),
        ("Python", "pandas data analysis"),
        "data science",
    ),
    (
        ("run inclusive hybrid meetings", "include remote colleagues in meetings"),
        ("remote facilitation", "Microsoft Teams"),
        "hybrid work",
    ),
    (
        (
            "understand the online gaming community",
            "learn why young people watch others play games",
        ),
        ("Twitch streaming", "esports"),
        "video games",
    ),
    (
        ("learn how podcasts reach young audiences", "start an internal podcast"),
        ("podcast production", "audio editing"),
        "podcasts",
    ),
    (
        ("understand neurodiversity at work", "support colleagues with ADHD and autism"),
        ("neurodiversity network", "ADHD advocacy"),
        "neurodiversity",
    ),
    (
        ("understand the experience of LGBTQ+ colleagues", "be a better ally to LGBTQ+ staff"),
        ("Pride network lead", "LGBTQ+ allyship"),
        "pride",
    ),
    (
        (
            "make documents accessible to screen-reader users",
            "learn accessibility basics for digital content",
        ),
        ("accessibility testing", "screen readers"),
        "accessibility",
    ),
    (
        ("understand cryptocurrency and blockchain", "learn how digital assets work"),
        ("blockchain", "crypto trading"),
        "fintech",
    ),
    (
        ("build my presence on LinkedIn", "post confidently on professional social networks"),
        ("LinkedIn content strategy", "personal branding"),
        "social media",
    ),
    (
        (
            "understand climate anxiety among young staff",
            "learn what young people expect on sustainability",
        ),
        ("climate activism", "sustainability network"),
        "climate",
    ),
    (
        ("build dashboards in Power BI", "turn spreadsheets into interactive reports"),
        ("Power BI", "data visualisation"),
        "dashboards",
    ),
    (
        (
            "understand what early-career staff expect from flexible working",
            "learn how juniors view the four-day week",
        ),
        ("flexible working policy", "four-day week campaign"),
        "work-life balance",
    ),
    (
        (
            "understand the cyber security risks of phishing",
            "learn how scammers target staff online",
        ),
        ("phishing awareness", "cyber security"),
        "security",
    ),
    (
        ("understand mental health pressures on junior staff", "support wellbeing in my teams"),
        ("mental health first aider", "wellbeing champion"),
        "mental health",
    ),
    (
        ("learn how young customers shop online", "understand e-commerce habits of under-30s"),
        ("e-commerce", "online retail trends"),
        "shopping",
    ),
    (
        (
            "understand apprenticeships and non-graduate routes",
            "learn how school leavers join the company",
        ),
        ("apprenticeship scheme", "school leaver programme"),
        "early careers",
    ),
    (
        ("understand racial equity at work", "learn about colleagues' experience of racism"),
        ("race equality network", "anti-racism training"),
        "race equality",
    ),
    (
        ("edit short videos on my phone", "make simple video updates for my team"),
        ("video editing", "CapCut"),
        "filmmaking",
    ),
    (
        ("learn basic coding concepts", "understand how websites are built"),
        ("JavaScript", "web development"),
        "coding",
    ),
    (
        ("understand the gig economy and side hustles", "learn why juniors freelance on the side"),
        ("freelancing", "Etsy shop"),
        "side projects",
    ),
    (
        (
            "understand disability inclusion for wheelchair users",
            "make our offices accessible to disabled staff",
        ),
        ("wheelchair user", "disability advocacy"),
        "disability",
    ),
    (
        ("automate routine tasks without coding", "learn no-code automation tools"),
        ("Power Automate", "Zapier workflows"),
        "automation",
    ),
    (
        (
            "understand how young people manage money with apps",
            "learn about budgeting apps and digital banking",
        ),
        ("budgeting apps", "digital banking"),
        "personal finance",
    ),
    (
        (
            "understand social mobility for first-generation graduates",
            "learn about barriers for working-class entrants",
        ),
        ("first in family to university", "social mobility charity"),
        "social mobility",
    ),
    (
        ("understand virtual reality and the metaverse", "try VR for training and collaboration"),
        ("VR headsets", "Unity 3D"),
        "virtual reality",
    ),
    (
        ("understand religious observance at work", "support colleagues during Ramadan"),
        ("Muslim staff network", "interfaith network"),
        "faith",
    ),
    (
        (
            "learn how juniors use WhatsApp and messaging apps",
            "understand which channels early-career staff read",
        ),
        ("WhatsApp communities", "messaging apps"),
        "messaging",
    ),
    (
        (
            "understand parental leave from a young parent's view",
            "support new parents returning to work",
        ),
        ("working parents network", "shared parental leave"),
        "parenting",
    ),
)
GENERIC_SKILLS = ("Excel", "presentations", "customer service", "project coordination")
GENERIC_INTERESTS = ("running", "cooking", "travel", "football", "music", "reading", "photography")
DEPARTMENTS = ("Finance", "Marketing", "Operations", "HR", "IT", "Sales", "Legal", "Product")
SLOTS = tuple(
    f"{day}-{half}" for day in ("mon", "tue", "wed", "thu", "fri") for half in ("am", "pm")
)


@dataclass(frozen=True)
class SyntheticCohort:
    participants: list[Participant]
    topic: dict[str, int | None]
    """Person id -> index in TOPICS (None for a mentor with no topic)."""

    def same_topic(self, leader_id: str, mentor_id: str) -> bool:
        return self.topic[leader_id] is not None and self.topic[leader_id] == self.topic[mentor_id]


def synthetic_cohort(
    n_leaders: int, n_mentors: int, topical_mentors: int | None = None, seed: int = 0
) -> SyntheticCohort:
    """Leader i learns topic i mod 30; mentor j < `topical_mentors` knows topic j mod 30.

    Every leader reports to a department head (in cohort "board"), and each mentor to a leader
    of their department who wants another topic, so the reporting-line rule bites as it would
    in a real organisation without ever hiding the planted partner.
    """
    rng = random.Random(seed)
    topical = n_mentors if topical_mentors is None else topical_mentors
    people = [_head(department) for department in DEPARTMENTS]
    topic: dict[str, int | None] = {person.id: None for person in people}
    leaders = [_leader(rng, f"leader-{i:04d}", i % len(TOPICS)) for i in range(n_leaders)]
    by_department: dict[str, list[Participant]] = {}
    for person in leaders:
        topic[person.id] = topic_of(person)
        by_department.setdefault(person.department, []).append(person)
    mentors = []
    for j in range(n_mentors):
        index = j % len(TOPICS) if j < topical else None
        partner = leaders[j] if j < n_leaders and index is not None else None
        mentor = _mentor(rng, f"mentor-{j:04d}", index, partner)
        managers = [p for p in by_department.get(mentor.department, []) if topic[p.id] != index]
        manager_id = rng.choice(managers).id if managers else _head(mentor.department).id
        mentors.append(mentor.model_copy(update={"manager_id": manager_id}))
        topic[mentor.id] = index
    return SyntheticCohort([*people, *leaders, *mentors], topic)


def topic_of(leader: Participant) -> int:
    return next(i for i, topic in enumerate(TOPICS) if leader.goals[0] in topic[0])


def _head(department: str) -> Participant:
    return Participant(
        id=f"head-{department.lower()}",
        name=f"Head of {department}",
        role="leader",
        department=department,
        level=12,
        cohort="board",
    )


def _leader(rng: random.Random, person_id: str, index: int) -> Participant:
    interests = rng.sample(GENERIC_INTERESTS, 2)
    if index % 2 == 0:
        interests.append(TOPICS[index][2])
    department = rng.choice(DEPARTMENTS)
    return Participant(
        id=person_id,
        name=person_id.replace("-", " ").title(),
        role="leader",
        department=department,
        level=rng.randint(9, 11),
        manager_id=_head(department).id,
        goals=[rng.choice(TOPICS[index][0])],
        interests=interests,
        availability=rng.sample(SLOTS, 3),
        cohort="synthetic",
    )


def _mentor(
    rng: random.Random, person_id: str, index: int | None, partner: Participant | None
) -> Participant:
    skills = [rng.choice(GENERIC_SKILLS)]
    interests = rng.sample(GENERIC_INTERESTS, 2)
    if index is not None:
        skills = [*TOPICS[index][1], *skills]
        if index % 2 == 0:
            interests.append(TOPICS[index][2])
    department = rng.choice(DEPARTMENTS)
    slots = rng.sample(SLOTS, 3)
    if partner is not None:
        department = rng.choice([d for d in DEPARTMENTS if d != partner.department])
        others = [slot for slot in SLOTS if slot not in partner.availability]
        slots = [*partner.availability[:2], rng.choice(others)]
    return Participant(
        id=person_id,
        name=person_id.replace("-", " ").title(),
        role="mentor",
        department=department,
        level=rng.randint(1, 3) if partner is not None else rng.randint(1, 5),
        skills=skills,
        interests=interests,
        availability=slots,
        cohort="synthetic",
    )
