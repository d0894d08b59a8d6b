"""The model boundary's own overhead, against the scripted server on 127.0.0.1: no model involved.

Prints time to the first streamed piece and the event throughput of one turn (the TUI needs
200 tokens/s comfortably), and how long fitting a long conversation into the window takes.

    .venv/bin/python benchmarks/llm_turn.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from scripted_openai import ScriptedOpenAI  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.llm.budget import Window, fit_messages  # noqa: E402
from assistant.llm.events import TextDelta  # noqa: E402
from assistant.llm.material import Block, guidance  # noqa: E402
from assistant.llm.turn import run_turn  # noqa: E402
from assistant.tokenizer import count_tokens  # noqa: E402

REPLY_TOKENS = 2_000
TURNS = 5


async def one_turn(settings: Settings) -> tuple[float, float, int]:
    started = time.perf_counter()
    first = None
    pieces = 0
    async for event in run_turn([{"role": "user", "content": "hi"}], settings=settings):
        if isinstance(event, TextDelta):
            pieces += 1
            first = first if first is not None else time.perf_counter() - started
    return first or 0.0, time.perf_counter() - started, pieces


async def turns() -> None:
    with ScriptedOpenAI() as server:
        settings = Settings(openai_base_url=server.base_url, home=Path(tempfile.mkdtemp()))
        results = []
        for _ in range(TURNS):
            server.reply_text("word " * REPLY_TOKENS)
            results.append(await one_turn(settings))
    first = statistics.median(r[0] for r in results) * 1000
    total = statistics.median(r[1] for r in results)
    pieces = results[0][2]
    print(f"turn: first piece after {first:.1f} ms (median of {TURNS})")
    print(f"turn: {pieces} pieces in {total * 1000:.0f} ms = {pieces / total:,.0f} pieces/s")


def budget() -> None:
    history = [
        {"role": "user" if n % 2 == 0 else "assistant", "content": f"message {n} " + "word " * 80}
        for n in range(400)
    ]
    excerpts = [guidance(f"[doc{n}.md > H]", "guidance " * 150) for n in range(8)]
    count_tokens("warm up")  # loading the tokenizer tables is a one-off, not fitting
    started = time.perf_counter()
    context = [Block("pair", "Pair context " * 50)]
    window = Window(8_192, "table", "llama3:8b", "the model 'llama3:8b'")
    fitted = fit_messages(
        "You are a coach.", context, excerpts, history, "What next?", window=window
    )
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"budget: 400-message history into 8,192 tokens in {elapsed:.0f} ms "
        f"(kept {400 - fitted.dropped_history}, {fitted.input_tokens} tokens)"
    )


if __name__ == "__main__":
    os.environ.setdefault("RMCOACH_HOME", tempfile.mkdtemp())
    asyncio.run(turns())
    budget()
