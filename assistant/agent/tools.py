"""The tools the model may call, bound to one pair for the whole conversation.

`PairScope` holds the pair a conversation is about. Whatever id the model asks for, the tools read
and write only that pair: a request for another pair's context is refused (the model is told
why), and no tool takes a pair id it would act on. The scope also collects what the tools
produced during a turn (guidance cited, plans, summary drafts) for the Coach to hand to the UI.
Recording a summary only makes a draft: the person confirms it before anything is stored.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import Field

from assistant.agent.context import describe_pair
from assistant.agent.guide.answers import guidance_block, source_of
from assistant.agent.guide.guidebook import Guidebook
from assistant.agent.guide.plan import FocusIdea, focus_objective, focus_query, offline_plan
from assistant.agent.summary import ExtractedSummary, SummaryDraft, from_extraction
from assistant.config import Settings
from assistant.knowledge import KnowledgeBase
from assistant.llm.tools import Tool
from assistant.models import PairContext, Role, SessionPlan, SourceRef, StrictModel, Topic
from assistant.plan_markdown import plan_to_markdown
from assistant.store import Store


class OtherPairRefused(PermissionError):
    """The model asked for a pair other than the one the conversation is about."""


class SearchGuidanceArgs(StrictModel):
    query: str = Field(min_length=2, max_length=500, description="What to look for, in words.")
    audience: Role | None = Field(default=None, description="Only guidance written for this role.")
    topic: Topic | None = Field(default=None, description="Only guidance on this topic.")


class ReadPairContextArgs(StrictModel):
    pair_id: str | None = Field(
        default=None, description="Leave out: the conversation is about one pair only."
    )


class ProposeSessionPlanArgs(StrictModel):
    minutes: int = Field(default=45, ge=15, le=240, description="Length of the session.")


class RecordSessionSummaryArgs(StrictModel):
    summary: ExtractedSummary


@dataclass
class PairScope:
    pair_id: str
    store: Store
    knowledge: KnowledgeBase
    guidebook: Guidebook
    settings: Settings
    today: date
    sources: list[SourceRef] = field(default_factory=list)
    plans: list[SessionPlan] = field(default_factory=list)
    drafts: list[SummaryDraft] = field(default_factory=list)

    def context(self) -> PairContext:
        return self.store.pair_context(self.pair_id)

    def search(self, args: SearchGuidanceArgs) -> str:
        hits = self.knowledge.search(
            args.query, k=self.settings.retrieval.top_k, audience=args.audience, topic=args.topic
        )
        self.sources += [source_of(hit) for hit in hits]
        return "\n\n".join(guidance_block(hit) for hit in hits) or "No guidance matches that."

    def read_context(self, args: ReadPairContextArgs) -> str:
        if args.pair_id not in (None, self.pair_id):
            raise OtherPairRefused(
                f"this conversation is about pair {self.pair_id}; "
                "other pairs' data is not available"
            )
        return describe_pair(self.context())

    def propose_plan(self, args: ProposeSessionPlanArgs) -> str:
        context = self.context()
        plan = offline_plan(
            context,
            self.guidebook,
            minutes=args.minutes,
            today=self.today,
            idea=focus_idea(self.knowledge, context),
        )
        self.plans.append(plan)
        self.sources += plan.sources
        return (
            "The guide's plan for this pair, built from the guidance; it is shown to the leader. "
            "Discuss or adapt it, keeping the commitment check-in first.\n\n"
            + plan_to_markdown(plan, context)
        )

    def record_summary(self, args: RecordSessionSummaryArgs) -> str:
        draft = from_extraction(args.summary, self.context(), held_on=self.today)
        self.drafts.append(draft)
        missing = ", ".join(draft.to_complete) or "none"
        return (
            "Draft made for the person to check and confirm; nothing is stored until they do. "
            f"Fields still empty: {missing}."
        )


def focus_idea(knowledge: KnowledgeBase, context: PairContext) -> FocusIdea | None:
    """The guidance section that best fits the objective the next session should focus on."""
    objective = focus_objective(context)
    if objective is None:
        return None
    query, topic = focus_query(objective)
    hits = knowledge.search(query, k=1, audience="leader", topic=topic)
    if not hits and topic is not None:
        hits = knowledge.search(query, k=1, audience="leader")
    return FocusIdea(source_of(hits[0]), hits[0].heading.rsplit(" > ", 1)[-1]) if hits else None


def pair_tools(scope: PairScope) -> list[Tool]:
    return [
        Tool(
            "search_guidance",
            "Search the programme's guidance; cite what you use as [doc > heading].",
            SearchGuidanceArgs,
            scope.search,
        ),
        Tool(
            "read_pair_context",
            "Read this pair's objectives, open commitments and recent shared summaries.",
            ReadPairContextArgs,
            scope.read_context,
        ),
        Tool(
            "propose_session_plan",
            "Build the guide's session plan for this pair (agenda, reflection questions, "
            "safety prompts, sources); it is shown to the leader.",
            ProposeSessionPlanArgs,
            scope.propose_plan,
        ),
        Tool(
            "record_session_summary",
            "Turn what the person told you about a session into a summary draft they will "
            "check and confirm. Never include private notes.",
            RecordSessionSummaryArgs,
            scope.record_summary,
        ),
    ]
