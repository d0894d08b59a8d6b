"""The coaching agent's cost and speed, against the scripted server on 127.0.0.1 (no real model).

Prints the input tokens of a plan request (target <= 3,000 with the default retrieval depth;
counted with the tokenizer on the messages actually sent, including the JSON schema the
structured-output boundary adds) and the agent's own overhead per chat turn, excluding the
model: the whole turn through the Coach minus the model's share, which is the same request body
resent through one long-lived bare `AsyncOpenAI` client (HTTP, the server, reading the stream).
Everything else counts: retrieval, the store, the prompt, the client and the tool schemas
(target <= 50 ms). Builds its own guidance store and demo programme in a temp folder.

    .venv/bin/python benchmarks/agent.py
"""

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from openai import AsyncOpenAI  # noqa: E402
from scripted_openai import ScriptedOpenAI  # noqa: E402

from assistant.agent.coach import Coach  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.demo import generate, write_programme  # noqa: E402
from assistant.knowledge import KnowledgeBase  # noqa: E402
from assistant.llm.budget import messages_tokens  # noqa: E402
from assistant.store import Store  # noqa: E402

PAIRS = 12
TURNS = 40
REPLY = "Start with your open commitments, then ask one genuine question and wait."
QUESTION = "How do I open the next session so my mentor feels safe to disagree?"


def build(home: Path) -> tuple[Store, KnowledgeBase]:
    started = time.perf_counter()
    knowledge = KnowledgeBase(home)
    knowledge.ingest()
    print(f"setup: guidance ingested in {time.perf_counter() - started:.1f} s")
    store = Store.open(Settings(home=home))
    write_programme(store, generate(pairs=PAIRS, today=date.today()))
    return store, knowledge


async def plan_tokens(coach: Coach, server: ScriptedOpenAI, pair_ids: list[str]) -> None:
    sizes = []
    for pair_id in pair_ids:
        server.reply_json("{}")  # unusable twice: the agent falls back, as it would in real life
        server.reply_json("{}")
        sent_before = len(server.requests)
        await coach.plan(pair_id, 45)
        sizes.append(messages_tokens(server.requests[sent_before]["messages"]))
    top_k = coach.settings.retrieval.top_k
    print(
        f"plan: input tokens per plan request, top_k={top_k}: median "
        f"{statistics.median(sizes):.0f}, max {max(sizes)} over {len(sizes)} pairs "
        "(target <= 3,000)"
    )


async def timed_chat(coach: Coach, pair_id: str) -> float:
    started = time.perf_counter()
    async for _ in coach.prepare_chat(pair_id, [], QUESTION):
        pass
    return time.perf_counter() - started


async def timed_model(client: AsyncOpenAI, body: dict) -> float:
    """The model's share of a turn: the same request body, through a client that is already up."""
    started = time.perf_counter()
    async for _ in await client.chat.completions.create(**body):
        pass
    return time.perf_counter() - started


def timed_search(coach: Coach) -> float:
    started = time.perf_counter()
    coach.knowledge.search(QUESTION, k=coach.settings.retrieval.top_k, audience="leader")
    return time.perf_counter() - started


async def overhead(coach: Coach, server: ScriptedOpenAI, pair_id: str) -> None:
    whole, model, search = [], [], []
    client = AsyncOpenAI(api_key="not-needed", base_url=server.base_url, max_retries=0)
    for _ in range(TURNS):
        server.reply_text(REPLY)
        whole.append(await timed_chat(coach, pair_id))
        server.reply_text(REPLY)
        model.append(await timed_model(client, server.requests[-1]))
        search.append(timed_search(coach))
    await client.close()
    agent_ms = [(w - m) * 1000 for w, m in zip(whole, model, strict=True)]
    print(
        f"turn: agent overhead per chat turn, excluding the model: median "
        f"{statistics.median(agent_ms):.1f} ms, p95 {_p95(agent_ms):.1f} ms over {TURNS} turns "
        f"(target <= 50 ms); of which retrieval (one embedded query) median "
        f"{statistics.median(search) * 1000:.1f} ms; whole turn median "
        f"{statistics.median(whole) * 1000:.1f} ms, the model's share median "
        f"{statistics.median(model) * 1000:.1f} ms"
    )


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


async def main() -> None:
    logging.disable(logging.WARNING)  # the fallbacks below are on purpose; keep the figures clean
    home = Path(tempfile.mkdtemp(prefix="rmcoach-bench-"))
    store, knowledge = build(home)
    pair_ids = [pair.id for pair in store.pairs()]
    with ScriptedOpenAI() as server:
        settings = Settings(home=home, openai_base_url=server.base_url, llm_max_retries=0)
        coach = Coach(settings, store, knowledge)
        await plan_tokens(coach, server, pair_ids)
        server.reply_text(REPLY)
        await timed_chat(coach, pair_ids[0])  # warm-up: the first turn loads the client
        await overhead(coach, server, pair_ids[0])


if __name__ == "__main__":
    asyncio.run(main())
