"""Phrases the demo's summaries are made from, grouped by what a session was about."""

from assistant.models import Objective

OBJECTIVES = {
    "digital-fluency": (
        (
            "Use an AI assistant for my own drafting",
            ["Drafts one board paper a month with it", "Can explain its limits to my team"],
        ),
        (
            "Understand how our customers use social media",
            [
                "Follows three channels our customers use",
                "Has posted once, with the mentor's review",
            ],
        ),
    ),
    "inclusion": (
        (
            "Run meetings where juniors speak first",
            [
                "Juniors speak in the first ten minutes of my staff meeting",
                "Asked the team how it feels, twice",
            ],
        ),
        (
            "Understand barriers early-career colleagues face",
            ["Has heard from five early-career colleagues", "One policy change proposed"],
        ),
    ),
    "leadership-perspective": (
        (
            "See my decisions as the front line sees them",
            ["Spent a day with a front-line team", "Changed how one decision is announced"],
        ),
        (
            "Get candid feedback on my town halls",
            ["Mentor gives unfiltered feedback after each one", "One habit changed"],
        ),
    ),
    "generational": (
        (
            "Understand what makes graduates stay",
            ["Talked with a graduate cohort", "Shared three findings with HR"],
        ),
        (
            "Lead a hybrid team the way younger colleagues work",
            ["Agreed team norms for async work", "Cut one recurring meeting"],
        ),
    ),
}

KIND_TOPICS = {
    "digital-fluency": ("digital-fluency", "generational"),
    "inclusion": ("inclusion", "psychological-safety"),
    "leadership-perspective": ("feedback", "reflection"),
    "generational": ("generational", "inclusion"),
}

AGENDA = {
    "ground-rules": "Agree what stays in the room",
    "objectives": "Sharpen the objectives into something we can see",
    "agenda": "Plan the next three sessions",
    "digital-fluency": "Hands-on: try the tool on a real task",
    "generational": "Swap stories of how each of us started work",
    "inclusion": "Walk through last week's meeting: who spoke, who didn't",
    "psychological-safety": "Name one thing that was hard to say",
    "feedback": "Mentor's feedback on the leader's latest all-hands",
    "reflection": "What changed since last time?",
    "accountability": "Review the commitments, honestly",
    "measurement": "Check progress against the success criteria",
    "pitfalls": "Talk about why sessions keep slipping",
    "closing": "Look back over the programme and plan what continues",
}

LEADER_LEARNED = {
    "digital-fluency": (
        "An AI draft is a starting point; the value is in the questions I ask it.",
        "Short video reaches our graduates in a way our intranet never will.",
        "Prompting is closer to briefing a new analyst than to searching.",
    ),
    "inclusion": (
        "I fill silences too quickly; juniors need a beat before they speak.",
        "Our 'open door' reads as a closed one from three levels down.",
    ),
    "leadership-perspective": (
        "The front line hears our announcements a week after the rumours.",
        "My town halls answer questions nobody asked.",
    ),
    "generational": (
        "Flexibility matters more to graduates than the title.",
        "Async updates can replace half of my status meetings.",
    ),
}

MENTOR_LEARNED = (
    "How a decision travels from the board to a team's plan.",
    "That leaders worry about the same things, with higher stakes.",
    "How to frame a proposal so an executive can say yes to it.",
    "Why budgets are set a year ahead and how to influence them.",
    "That asking a direct question is welcome, not rude.",
)

COMMITMENTS = {
    "leader": (
        "Try the assistant on next week's board summary",
        "Let a junior open the next staff meeting",
        "Ask the team one question and listen without answering",
        "Post one update on the internal network",
        "Cancel one status meeting and use a written update",
        "Read the graduate survey results",
    ),
    "mentor": (
        "Bring three examples of prompts that failed and why",
        "Share two channels our customers follow",
        "Prepare a short demo of the collaboration tool",
        "Write up what my team says about the town hall",
        "Draft a one-page proposal and ask for feedback",
    ),
}

CANCELLED = (
    "Leader travelling; moved to next cycle",
    "Clashed with quarter-end close",
    "Mentor on leave",
    "Board meeting overran",
    "Rescheduled twice, then dropped",
)

LEADER_NOTES = (
    "I talked too much again; let them lead next time.",
    "I felt defensive about the feedback on my town hall. Worth sitting with.",
    "Embarrassed how little I knew about the tool. Practise before next time.",
)
MENTOR_NOTES = (
    "Still nervous about challenging them directly.",
    "Felt heard today. I'll bring the harder topic next time.",
    "Held back again: I didn't say what my team really thinks.",
    "Not sure they want honest feedback; they changed the subject twice.",
)

PROGRESS_NOTES = (
    "First try at work",
    "Practising weekly",
    "Used it in a real meeting",
    "Team noticed",
)


def objectives_for(kinds: list[str], pick: list[int]) -> list[Objective]:
    """One objective per kind, choosing among that kind's templates by `pick`."""
    found = []
    for number, (kind, choice) in enumerate(zip(kinds, pick, strict=True), start=1):
        title, criteria = OBJECTIVES[kind][choice % len(OBJECTIVES[kind])]
        found.append(Objective(id=f"O{number}", title=title, kind=kind, success_criteria=criteria))
    return found
