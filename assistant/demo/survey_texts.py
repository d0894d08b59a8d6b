"""What demo participants write in their surveys' free-text question, by survey kind.

Made up for the demo; several people say much the same thing, so the report's feedback themes
have something to find.
"""

COMMENTS: dict[str, tuple[str, ...]] = {
    "baseline": (
        "Learn how younger colleagues use AI tools for drafting and research.",
        "Understand how AI assistants could save my team time.",
        "Get braver about giving honest feedback to senior people.",
        "Practise telling a senior leader something they may not want to hear.",
        "See how hybrid meetings feel for junior and remote colleagues.",
        "Understand why new joiners stay quiet in our team meetings.",
        "Build a real relationship across the levels of the company.",
    ),
    "pairing-fit": (
        "Meet more regularly; our calendars keep clashing.",
        "Protect the meeting slot so it stops being moved.",
        "Agree clearer objectives for the next sessions.",
        "Sharper objectives would help us focus.",
        "It already works well; keep the same rhythm.",
    ),
    "closing": (
        "I now use an AI assistant every week for drafts and summaries.",
        "AI tools are part of how I prepare papers now.",
        "I give feedback upward with more confidence and more specific examples.",
        "Feedback to senior people feels less risky than it did.",
        "Our team meetings now include remote colleagues properly.",
        "I ask junior colleagues for their view before deciding.",
    ),
    "recommendation": (
        "A rare chance to talk openly across the levels.",
        "Practical: I learned tools I use every week.",
        "It takes time and the sessions were hard to schedule.",
        "The structure of objectives and commitments kept us going.",
    ),
}
