"""The coach's typed events, as the front ends match on them: text, tools, sources, the end;
and the chat history a conversation carries.

They are defined at the model boundary (`assistant.llm.events`) and by the agent; the front ends
take them from here, so neither needs to know where a reply came from.
"""

from assistant.agent.coach import ChatMessage
from assistant.agent.events import (
    AgentEvent,
    AttemptScored,
    FellBack,
    PlanProposed,
    SourcesCited,
    SummaryDrafted,
)
from assistant.llm.events import TextDelta, ToolCall, ToolResult, TurnDone, TurnError, Usage

__all__ = [
    "AgentEvent",
    "AttemptScored",
    "ChatMessage",
    "FellBack",
    "PlanProposed",
    "SourcesCited",
    "SummaryDrafted",
    "TextDelta",
    "ToolCall",
    "ToolResult",
    "TurnDone",
    "TurnError",
    "Usage",
]
