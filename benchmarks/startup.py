"""How quickly the app paints its first screen, and how smoothly it runs while a reply streams.

1. Start-up: a fresh `python` process opens the app (headless) over a seeded home; the figure is
   the wall time from spawning the process to the start screen having been painted, the whole
   of Python's and Textual's start-up included. Target: at most 0.8 s. Median of 5 runs.
2. Streaming: the scripted OpenAI-compatible server streams a 2,000-token reply at 200 tokens/s
   into the Prepare screen. Reported: the time each frame takes to lay out and render, how often
   frames come, and how late a 60 Hz timer fires (what a keypress waits for while text streams).

Run: .venv/bin/python benchmarks/startup.py
"""

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

TODAY = date(2026, 11, 20)
TOKENS, RATE = 2000, 200
STARTUP_RUNS = 5

# The child reports the moment the start screen's first frame has been rendered.
CHILD = """
import sys
from textual.screen import Screen
from assistant.tui.app import RmcoachApp
from assistant.tui.screens.start import StartScreen

render = Screen._compositor_refresh
painted = []

def first_frame(screen):
    render(screen)
    if isinstance(screen, StartScreen) and not painted:
        painted.append(True)
        sys.stdout.write("painted\\n")
        sys.stdout.flush()

Screen._compositor_refresh = first_frame

async def leave(pilot):
    while not painted:
        await pilot.pause(0.01)
    pilot.app.exit()

RmcoachApp().run(headless=True, auto_pilot=leave)
"""

# The model server runs in its own process, as a real one would, so it competes for no GIL.
SERVER = """
import sys, time
sys.path.insert(0, "tests")
from scripted_openai import ScriptedOpenAI

words = [f"word{i}" for i in range(TOKENS)]
# Paragraphs of 40 words, as a coach's reply has; Markdown re-renders only the last block.
text = " ".join(w if i % 40 else "\\n\\n" + w for i, w in enumerate(words)).strip()
with ScriptedOpenAI() as server:
    server.fail(400, message="no plan for the benchmark")
    server.tokens_per_second = RATE
    server.reply_text(text)
    print(server.base_url, flush=True)
    sys.stdin.read()
""".replace("TOKENS", str(TOKENS)).replace("RATE", str(RATE))


def seed(home: Path) -> None:
    from assistant.config import Settings
    from assistant.demo import generate, write_programme
    from assistant.knowledge import KnowledgeBase
    from assistant.store import Store

    store = Store.open(Settings(home=home))
    write_programme(store, generate(today=TODAY))
    KnowledgeBase(home).ensure_ingested()


def startup_seconds(home: Path) -> float:
    env = {**os.environ, "RMCOACH_HOME": str(home), "RMCOACH_CONFIG": str(home / "none.toml")}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        env.pop(name, None)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if line.strip() != b"painted":
        raise SystemExit(f"the app did not report a painted screen (exit code {child.returncode})")
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def stream_figures(home: Path) -> dict[str, Any]:
    from textual.screen import Screen

    from assistant.config import Settings
    from assistant.tui.app import RmcoachApp
    from assistant.tui.widgets.chat import Reply
    from assistant.tui.widgets.chat_panel import ChatPanel
    from assistant.workspace.clock import Clock
    from assistant.workspace.workspace import Workspace

    frames: list[tuple[float, float]] = []
    original = Screen._on_timer_update

    def timed_frame(self: Screen) -> None:
        started = time.perf_counter()
        original(self)
        frames.append((started, time.perf_counter() - started))

    Screen._on_timer_update = timed_frame  # type: ignore[method-assign]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    with server:
        base_url = server.stdout.readline().strip()
        settings = Settings(home=home, openai_base_url=base_url, openai_api_key="sk-bench")
        app = RmcoachApp(Workspace(settings, Clock(TODAY)))
        async with app.run_test(size=(160, 50)) as pilot:
            while not app.guidance_ready.is_set():
                await pilot.pause(0.05)
            app.enter("leader", "P-002")
            await pilot.pause(1.0)
            screen = app.screen
            chat = screen.query_one(ChatPanel)
            while (
                screen.query_one("PlanPanel").loading or screen.query_one("PlanPanel").plan is None
            ):
                await pilot.pause(0.05)
            chat.box.value = "Tell me everything"
            await pilot.press("enter")
            while not screen.query(Reply):
                await pilot.pause(0.01)
            frames.clear()
            lags: list[float] = []
            started = time.perf_counter()
            expected = started
            while chat.busy or not lags:
                expected += 1 / 60
                await asyncio.sleep(max(0.0, expected - time.perf_counter()))
                lags.append(max(0.0, time.perf_counter() - expected))
                expected = max(expected, time.perf_counter())
            streamed_for = time.perf_counter() - started
            words = len(screen.query(Reply).last().text.split())
        server.stdin.close()
    Screen._on_timer_update = original  # type: ignore[method-assign]
    return {
        "words": words,
        "seconds": streamed_for,
        "frames": [cost for _, cost in frames],
        "gaps": [b[0] - a[0] for a, b in zip(frames, frames[1:], strict=False)],
        "lags": lags,
    }


def spread(values: list[float], unit: str, scale: float = 1.0) -> str:
    points = [("median", statistics.median(values)), ("p95", percentile(values, 0.95))]
    points.append(("max", max(values)))
    return ", ".join(f"{name} {scale * value:.2f} {unit}" for name, value in points)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rmcoach-bench-") as folder:
        home = Path(folder)
        began = time.perf_counter()
        seed(home)
        print(
            f"setup (not counted): demo and guidance index in {time.perf_counter() - began:.1f} s"
        )
        startup_seconds(home)  # warms the OS file cache, as any second launch finds it
        runs = [startup_seconds(home) for _ in range(STARTUP_RUNS)]
        verdict = "meets" if statistics.median(runs) <= 0.8 else "MISSES"
        print(f"startup to first paint, {STARTUP_RUNS} runs: {spread(runs, 's')} ({verdict} 0.8 s)")
        figures = asyncio.run(stream_figures(home))
        frames, gap = len(figures["frames"]), statistics.median(figures["gaps"])
        print(
            f"streaming {TOKENS} tokens at {RATE}/s: {figures['words']} words in "
            f"{figures['seconds']:.1f} s, {frames} frames (one every {1000 * gap:.0f} ms, median)"
        )
        print(f"  frame time: {spread(figures['frames'], 'ms', 1000)}")
        print(f"  input lag (60 Hz probe): {spread(figures['lags'], 'ms', 1000)}")
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} cores, load average {load} (other work inflates these)")


if __name__ == "__main__":
    main()
