"""Every server fault ends in a retry or a clear, human TurnError; never a crash."""

import logging
import socket
import time

from assistant.config import Settings
from assistant.llm.events import TextDelta, TurnDone, TurnError
from assistant.llm.turn import run_turn

from .helpers import collect, shown_text, user


async def test_429_waits_for_retry_after_then_succeeds(scripted_llm, make_settings):
    scripted_llm.fail(429, retry_after=1)
    scripted_llm.reply_text("Here you go.")

    started = time.monotonic()
    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert events[-1] == TurnDone("Here you go.")
    assert time.monotonic() - started >= 0.95  # the server's 1 s, not the 0.25 s backoff
    assert len(scripted_llm.requests) == 2


async def test_500_is_retried_then_succeeds(scripted_llm, make_settings):
    scripted_llm.fail(500)
    scripted_llm.reply_text("Recovered.")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert events[-1] == TurnDone("Recovered.")
    assert len(scripted_llm.requests) == 2


async def test_exhausted_retries_end_with_a_human_error_naming_the_server(
    scripted_llm, make_settings
):
    for _ in range(3):
        scripted_llm.fail(503, message="model is loading")

    events = await collect(run_turn(user("Hi"), settings=make_settings(llm_max_retries=2)))

    assert len(events) == 1 and isinstance(events[0], TurnError)
    message = events[0].message
    assert scripted_llm.base_url in message
    assert "HTTP 503, 3 tries" in message
    assert "model is loading" not in message  # the server's own words go to the log
    assert "press Enter" not in message
    assert events[0].retryable
    assert len(scripted_llm.requests) == 3


async def test_a_hang_past_the_timeout_says_how_long_it_waited(scripted_llm, make_settings):
    scripted_llm.hang(10)
    scripted_llm.hang(10)
    settings = make_settings(llm_timeout_seconds=0.5, llm_max_retries=1)

    started = time.monotonic()
    events = await collect(run_turn(user("Hi"), settings=settings))

    assert time.monotonic() - started < 3
    assert isinstance(events[-1], TurnError)
    assert events[-1].message.startswith(
        f"the model server at {scripted_llm.base_url} did not answer in 0.5 s (2 tries). "
        "Check it is running, or unset OPENAI_BASE_URL to use the offline guide."
    )


async def test_a_hang_then_an_answer_is_retried(scripted_llm, make_settings):
    scripted_llm.hang(10)
    scripted_llm.reply_text("Sorry for the wait.")

    settings = make_settings(llm_timeout_seconds=0.5, llm_max_retries=1)
    events = await collect(run_turn(user("Hi"), settings=settings))

    assert events[-1] == TurnDone("Sorry for the wait.")


async def test_a_stream_cut_mid_reply_ends_with_an_error_not_a_repeat(scripted_llm, make_settings):
    scripted_llm.cut_stream_after(3, "One two three four five")
    scripted_llm.reply_text("never sent")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert shown_text(events) == "One two three"
    assert isinstance(events[-1], TurnError)
    assert "closed the connection in the middle of its reply" in events[-1].message
    assert events[-1].retryable
    assert len(scripted_llm.requests) == 1  # retrying would show the user the start twice


async def test_a_stream_cut_before_any_text_is_retried(scripted_llm, make_settings):
    scripted_llm.cut_stream_after(0)
    scripted_llm.reply_text("Second time lucky.")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert events[-1] == TurnDone("Second time lucky.")
    assert len(scripted_llm.requests) == 2


async def test_a_refused_key_is_not_retried_and_names_the_setting(scripted_llm, make_settings):
    scripted_llm.fail(401, message="Incorrect API key provided")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert isinstance(events[-1], TurnError)
    assert "refused the API key (HTTP 401). Check OPENAI_API_KEY." in events[-1].message
    assert not events[-1].retryable
    assert len(scripted_llm.requests) == 1


async def test_an_unknown_model_names_the_setting(scripted_llm, make_settings):
    scripted_llm.fail(404, message="model 'llama9' not found")

    events = await collect(run_turn(user("Hi"), settings=make_settings(model="llama9")))

    assert isinstance(events[-1], TurnError)
    assert "has no model 'llama9'" in events[-1].message
    assert "RMCOACH_MODEL" in events[-1].message
    assert len(scripted_llm.requests) == 1


async def test_a_server_that_is_not_running_is_reported(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)

    events = await collect(run_turn(user("Hi"), settings=Settings(llm_max_retries=1)))

    assert isinstance(events[-1], TurnError)
    assert events[-1].message.startswith(f"could not reach the model server at {url} (2 tries)")


async def test_the_key_never_reaches_logs_or_messages(scripted_llm, make_settings, caplog):
    key = "sk-scripted-test-key-0123456789"
    scripted_llm.fail(500, message=f"upstream rejected key {key}")
    scripted_llm.reply_text("fine")
    scripted_llm.fail(500, message=f"upstream rejected key {key}")
    caplog.set_level(logging.DEBUG)

    ok = await collect(run_turn(user("private words"), settings=make_settings()))
    no_retry = make_settings(llm_max_retries=0)
    failed = await collect(run_turn(user("private words"), settings=no_retry))

    assert isinstance(ok[-1], TurnDone)
    assert isinstance(failed[-1], TurnError)
    assert "HTTP 500, 1 try" in failed[-1].message
    assert key not in failed[-1].message
    assert "upstream rejected key ***" in caplog.text
    assert key not in caplog.text
    assert "private words" not in caplog.text
    turn_lines = [r.getMessage() for r in caplog.records if r.name == "rmcoach.llm"]
    assert any("turn model=gpt-4o-mini outcome=ok input_tokens=" in line for line in turn_lines)
    assert scripted_llm.authorizations[0] == f"Bearer {key}"


async def test_text_already_streamed_is_kept_when_the_error_comes(scripted_llm, make_settings):
    scripted_llm.cut_stream_after(2, "Partial answer here")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert [e.text for e in events if isinstance(e, TextDelta)] == ["Partial", " answer"]


async def test_a_garbled_stream_is_reported_not_raised(scripted_llm, make_settings):
    scripted_llm.garble()

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert isinstance(events[-1], TurnError)
    assert "sent a reply rmcoach could not read" in events[-1].message
