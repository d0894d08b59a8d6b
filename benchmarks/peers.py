"""Time to first token and tokens per second against real servers: through rmcoach's model
boundary (`run_turn`) and with the same request sent directly with the `openai` client.

Starts each built peer from `../shared/peers` (or RMCOACH_PEERS_DIR) on a free port, sends the
same short chat request RUNS times each way, alternating, and prints the medians and the
overhead ratio (rmcoach / direct). Peers that are not built are skipped, with the reason.

    .venv/bin/python benchmarks/peers.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from contract.conftest import PEERS, Peer, _built, _free_port, _stop, peers_dir  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.llm.events import TextDelta  # noqa: E402
from assistant.llm.turn import run_turn  # noqa: E402

RUNS = 5
REPLY_TOKENS = 64
MESSAGES = [{"role": "user", "content": "Give me three tips for a first mentoring session."}]


async def through_rmcoach(settings: Settings) -> tuple[float, float]:
    started = time.perf_counter()
    first, pieces = None, 0
    async for event in run_turn(MESSAGES, settings=settings, max_tokens=REPLY_TOKENS):
        if isinstance(event, TextDelta):  # one per streamed chunk, as counted directly
            pieces += 1
            first = first if first is not None else time.perf_counter() - started
    return _rates(started, first, pieces)


async def directly(base_url: str) -> tuple[float, float]:
    from openai import AsyncOpenAI

    client = AsyncOpenAI(base_url=base_url, api_key="local", max_retries=0, timeout=300)
    started = time.perf_counter()
    first, pieces = None, 0
    stream = await client.chat.completions.create(
        model="smollm2", messages=MESSAGES, max_tokens=REPLY_TOKENS, stream=True
    )
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces += 1
            first = first if first is not None else time.perf_counter() - started
    await client.close()
    return _rates(started, first, pieces)


def _rates(started: float, first: float | None, tokens: int) -> tuple[float, float]:
    total = time.perf_counter() - started
    ttft = first if first is not None else total
    streaming = max(total - ttft, 1e-6)
    return ttft, max(tokens - 1, 0) / streaming


def start(peer: Peer) -> tuple[int, str] | None:
    import subprocess

    folder = peers_dir()
    if folder is None or not _built(peer.name):
        print(f"{peer.label}: not built (run ../shared/peers/{peer.name}); skipped")
        return None
    port = _free_port()
    noamx = Path(__file__).resolve().parent.parent / "tests" / "contract" / "noamx"
    extra = [*peer.extra, "--no-repack"] if peer.name == "llama-server" else list(peer.extra)
    done = subprocess.run(
        [str(folder / "start"), peer.name, str(port), str(peer.context), *extra],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(noamx)),
        start_new_session=True,
    )
    if done.returncode != 0:
        print(f"{peer.label}: could not start: {done.stderr.strip()}")
        return None
    return int(done.stdout.strip()), f"http://127.0.0.1:{port}/v1"


async def measure(peer: Peer, base_url: str) -> None:
    settings = Settings(
        openai_base_url=base_url,
        openai_api_key="local",
        model="smollm2",
        home=Path(tempfile.mkdtemp()),
        llm_timeout_seconds=300,
    )
    await directly(base_url)  # warm up: the first request loads the prompt cache
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(await through_rmcoach(settings))
        theirs.append(await directly(base_url))
    ttft = [statistics.median(run[0] for run in runs) for runs in (ours, theirs)]
    rate = [statistics.median(run[1] for run in runs) for runs in (ours, theirs)]
    print(
        f"{peer.label:28} TTFT rmcoach {ttft[0] * 1000:6.0f} ms, direct {ttft[1] * 1000:6.0f} ms "
        f"(x{ttft[0] / ttft[1]:.2f}); tokens/s rmcoach {rate[0]:5.1f}, direct {rate[1]:5.1f} "
        f"(x{rate[0] / rate[1]:.2f}); median of {RUNS}"
    )


def main() -> None:
    for peer in {(p.name, p.extra): p for p in PEERS if p.context == 2048}.values():
        running = start(peer)
        if running is None:
            continue
        pid, base_url = running
        try:
            asyncio.run(measure(peer, base_url))
        finally:
            _stop(pid)


if __name__ == "__main__":
    main()
