"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for driving the real `openai` client.

A test queues replies and faults; each `/v1/chat/completions` request takes the next one, and is
answered streamed (SSE, chunked) when it asks for `stream=true`, else as one JSON completion.
Refusals set with `reject` are a persistent personality, like a real server's, and do not use
up the queue; `become(LLAMA_CPP_PYTHON, context=2048)` plays a real server's recorded manner
(`peer_personalities`): its refusals, what it ignores, `/props`, `/v1/models` and its overflow
error. An empty queue answers 500 "script exhausted" so a test that under-scripts fails loudly.

    with ScriptedOpenAI() as server:
        server.reply_text("Hello there")
        ... point OPENAI_BASE_URL at server.base_url ...
"""

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from peer_personalities import Personality

REJECTABLE = ("tools", "json_schema", "json_object", "stream_options")


@dataclass
class _Step:
    kind: str  # "text", "tool_call", "fail", "hang", "cut", "garble"
    text: str = ""
    tool_name: str = ""
    arguments: str = ""
    call_id: str = ""
    status: int = 200
    retry_after: float | None = None
    message: str = ""
    seconds: float = 0.0
    chunks: int = 0
    usage: tuple[int, int] | None = None


class ScriptedOpenAI:
    """The server, its script, and what it received (`requests`: the JSON bodies, in order)."""

    def __init__(self, *, model: str = "scripted-model", chunk_delay: float = 0.0) -> None:
        self.model = model
        self.chunk_delay = chunk_delay
        """Seconds between streamed chunks (one word each); see `tokens_per_second`."""
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str] = []
        self.disconnects = 0
        self._script: deque[_Step] = deque()
        self._rejected: set[str] = set()
        self.personality: Personality | None = None
        self.context: int | None = None
        """Prompts over this many tokens (words and punctuation) get the overflow reply."""
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._disconnected = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> "ScriptedOpenAI":
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.scripted = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes hanging and slow-streaming handlers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> "ScriptedOpenAI":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start() the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def tokens_per_second(self) -> float:
        return 1 / self.chunk_delay if self.chunk_delay else float("inf")

    @tokens_per_second.setter
    def tokens_per_second(self, rate: float) -> None:
        self.chunk_delay = 1 / rate

    # -- the script ------------------------------------------------------------------------

    def reply_text(self, text: str, *, usage: tuple[int, int] | None = None) -> None:
        """A plain reply; `usage` = (prompt_tokens, completion_tokens) to report, else counted."""
        self._push(_Step("text", text=text, usage=usage))

    def reply_json(self, value: Any, *, usage: tuple[int, int] | None = None) -> None:
        """A reply holding `value` as JSON, or a raw string as is (to send invalid JSON)."""
        text = value if isinstance(value, str) else json.dumps(value)
        self._push(_Step("text", text=text, usage=usage))

    def reply_tool_call(
        self,
        name: str,
        arguments: str | dict[str, Any],
        *,
        call_id: str = "",
        text: str = "",
        usage: tuple[int, int] | None = None,
    ) -> None:
        """A native tool call; `arguments` as a raw string may be malformed on purpose."""
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
        step = _Step("tool_call", text=text, tool_name=name, arguments=raw, usage=usage)
        step.call_id = call_id or f"call_scripted_{len(self._script)}"
        self._push(step)

    def fail(
        self, status: int = 500, *, retry_after: float | None = None, message: str = ""
    ) -> None:
        """One error response; `retry_after` sets the Retry-After header (seconds)."""
        self._push(_Step("fail", status=status, retry_after=retry_after, message=message))

    def hang(self, seconds: float) -> None:
        """Say nothing for `seconds` (or until the server stops), then close the connection."""
        self._push(_Step("hang", seconds=seconds))

    def cut_stream_after(self, n_chunks: int, text: str = "This reply will be cut short") -> None:
        """Stream `n_chunks` chunks of `text`, then drop the connection mid-body."""
        self._push(_Step("cut", text=text, chunks=n_chunks))

    def garble(self) -> None:
        """Stream an event whose data is not JSON, as a broken proxy might."""
        self._push(_Step("garble"))

    def reject(self, feature: str) -> None:
        """From now on, answer 400 to requests using `feature` (one of REJECTABLE)."""
        if feature not in REJECTABLE:
            raise ValueError(f"reject() takes one of {REJECTABLE}, not {feature!r}")
        self._rejected.add(feature)

    def become(self, personality: Personality, *, context: int = 2048) -> None:
        """Play a real server's recorded manner, with a context of `context` tokens."""
        self.personality = personality
        self.context = context

    def wait_for_disconnect(self, timeout: float) -> bool:
        """True once a client has hung up on a reply still being streamed."""
        return self._disconnected.wait(timeout)

    def pending(self) -> int:
        """Steps not yet used: a finished test usually expects 0."""
        with self._lock:
            return len(self._script)

    def _push(self, step: _Step) -> None:
        with self._lock:
            self._script.append(step)

    # -- used by the handler ---------------------------------------------------------------

    def _receive(
        self, body: dict[str, Any], authorization: str
    ) -> tuple[tuple[int, Any] | None, _Step | None]:
        """The refusal or overflow reply for this body, if any, else the next step (or None).

        An oversized streamed prompt to a server that streams nothing for it gets (200, None).
        """
        with self._lock:
            self.requests.append(body)
            self.authorizations.append(authorization)
            refusal = self._refusal(body)
            if refusal is not None:
                return refusal, None
            return None, (self._script.popleft() if self._script else None)

    def _refusal(self, body: dict[str, Any]) -> tuple[int, Any] | None:
        personality = self.personality
        if personality is not None:
            for feature in _features(body):
                if feature in personality.refuses:
                    return personality.refuses[feature]
            prompt = _context_tokens(body)
            if self.context is not None and prompt > self.context:
                if body.get("stream") and personality.overflow_streams_empty:
                    return 200, None
                return personality.overflow(self.context, prompt, body.get("max_tokens") or 0)
        refusal = _refusal(body, self._rejected)
        return None if refusal is None else (400, _error(refusal, "invalid_request_error"))

    def _note_disconnect(self) -> None:
        with self._lock:
            self.disconnects += 1
        self._disconnected.set()


def _features(body: dict[str, Any]) -> list[str]:
    format_type = (body.get("response_format") or {}).get("type")
    found = [name for name in ("tool_choice", "tools", "stream_options") if name in body]
    return [*found, format_type] if format_type else found


def _refusal(body: dict[str, Any], rejected: set[str]) -> str | None:
    format_type = (body.get("response_format") or {}).get("type")
    if "tools" in rejected and body.get("tools"):
        return "tools are not supported by this server"
    if format_type in rejected:
        return f"response_format type {format_type} is not supported by this server"
    if "stream_options" in rejected and "stream_options" in body:
        return "stream_options is not supported by this server"
    return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hanging handler must not hold up the test's teardown
    scripted: ScriptedOpenAI


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked streaming, so a cut stream is an error, not an end
    # Each SSE chunk is its own small write: with Nagle on, a kept-alive connection stalls
    # ~40 ms per reply on the client's delayed ACK. Real servers send at once, and so does this.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        scripted = self.server.scripted
        personality, context = scripted.personality, scripted.context or 0
        if self.path.rstrip("/").endswith("/models"):
            if personality is not None:
                self._send_json(200, personality.models(scripted.model, context))
                return
            model = {"id": scripted.model, "object": "model", "owned_by": "scripted"}
            self._send_json(200, {"object": "list", "data": [model]})
        elif self.path.rstrip("/") == "/props" and personality is not None:
            self._send_json(*personality.props(context))
        else:
            self._send_json(404, _error(f"no route {self.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, _error(f"no route {self.path}"))
            return
        body = json.loads(raw or b"{}")
        scripted = self.server.scripted
        refusal, step = scripted._receive(body, self.headers.get("Authorization", ""))
        try:
            self._answer(body, refusal, step)
        except (BrokenPipeError, ConnectionResetError):
            scripted._note_disconnect()
            self.close_connection = True

    def _answer(
        self, body: dict[str, Any], refusal: tuple[int, Any] | None, step: _Step | None
    ) -> None:
        if refusal is not None and refusal[1] is None:
            _Stream(self, body, _Step("silent")).run()
        elif refusal is not None:
            self._send_json(*refusal)
        elif step is None:
            message = "script exhausted: the test queued no reply for this request"
            self._send_json(500, _error(message))
        elif step.kind == "fail":
            self._fail(step)
        elif step.kind == "hang":
            self.server.scripted._stopping.wait(step.seconds)
            self.close_connection = True
        elif body.get("stream"):
            _Stream(self, body, step).run()
        else:
            self._send_json(200, _completion(body, step, self.server.scripted.model))

    def _fail(self, step: _Step) -> None:
        headers = {} if step.retry_after is None else {"Retry-After": f"{step.retry_after:g}"}
        message = step.message or f"scripted failure {step.status}"
        self._send_json(step.status, _error(message), headers)

    def _send_json(self, status: int, value: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, header_value in (headers or {}).items():
            self.send_header(name, header_value)
        self.end_headers()
        self.wfile.write(data)


class _Stream:
    """One streamed reply: SSE events in HTTP chunks, with the server's chunk delay."""

    def __init__(self, handler: _Handler, body: dict[str, Any], step: _Step) -> None:
        self.handler = handler
        self.body = body
        self.step = step
        self.scripted = handler.server.scripted
        self.id = f"chatcmpl-{time.monotonic_ns()}"

    def run(self) -> None:
        handler = self.handler
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        if self.step.kind == "cut":
            self._cut()
            return
        if self.step.kind == "garble":
            self._write(b"data: <html>Bad Gateway</html>\n\n")
            self._raw(b"0\r\n\r\n")
            return
        if self.step.kind == "silent":
            self._raw(b"0\r\n\r\n")
            return
        self._event({"role": "assistant", "content": ""})
        pieces = _pieces(self.step.text)
        for piece in pieces:
            self._pause()
            self._event({"content": piece})
        finish = "stop"
        if self.step.kind == "tool_call":
            self._tool_call()
            finish = "tool_calls"
        self._event({}, finish_reason=finish)
        personality = self.scripted.personality
        ignored = personality is not None and "stream_options" in personality.ignores
        if (self.body.get("stream_options") or {}).get("include_usage") and not ignored:
            self._usage(len(pieces) + (1 if self.step.kind == "tool_call" else 0))
        self._write(b"data: [DONE]\n\n")
        self._raw(b"0\r\n\r\n")

    def _cut(self) -> None:
        for piece in _pieces(self.step.text)[: self.step.chunks]:
            self._pause()
            self._event({"content": piece})
        # No terminating chunk: the client sees the body end early, as when a server dies.
        self.handler.close_connection = True

    def _tool_call(self) -> None:
        step = self.step
        function = {"name": step.tool_name, "arguments": ""}
        head = {"index": 0, "id": step.call_id, "type": "function", "function": function}
        self._event({"tool_calls": [head]})
        third = max(1, len(step.arguments) // 3)
        for start in range(0, len(step.arguments), third):
            part = step.arguments[start : start + third]
            self._event({"tool_calls": [{"index": 0, "function": {"arguments": part}}]})

    def _usage(self, completion_tokens: int) -> None:
        prompt, completion = self.step.usage or (_prompt_tokens(self.body), completion_tokens)
        usage = {"prompt_tokens": prompt, "completion_tokens": completion}
        usage["total_tokens"] = prompt + completion
        self._write(_sse({**self._frame(), "choices": [], "usage": usage}))

    def _event(self, delta: dict[str, Any], finish_reason: str | None = None) -> None:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
        self._write(_sse({**self._frame(), "choices": [choice]}))

    def _frame(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.scripted.model,
        }

    def _pause(self) -> None:
        if self.scripted.chunk_delay:
            self.scripted._stopping.wait(self.scripted.chunk_delay)

    def _write(self, data: bytes) -> None:
        self._raw(b"%x\r\n%s\r\n" % (len(data), data))

    def _raw(self, data: bytes) -> None:
        self.handler.wfile.write(data)
        self.handler.wfile.flush()


def _sse(value: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(value).encode() + b"\n\n"


def _pieces(text: str) -> list[str]:
    """Word-sized pieces, each with the whitespace before it: one streamed 'token' each."""
    return re.findall(r"\s*\S+|\s+$", text)


def _prompt_tokens(body: dict[str, Any]) -> int:
    return sum(len(str(m.get("content") or "").split()) for m in body.get("messages", []))


def _context_tokens(body: dict[str, Any]) -> int:
    """Words and punctuation: a little more than tiktoken counts, as small models' tokenizers do."""
    return sum(len(_TOKEN.findall(str(m.get("content") or ""))) for m in body.get("messages", []))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _completion(body: dict[str, Any], step: _Step, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": step.text or None}
    finish = "stop"
    if step.kind == "tool_call":
        function = {"name": step.tool_name, "arguments": step.arguments}
        message["tool_calls"] = [{"id": step.call_id, "type": "function", "function": function}]
        finish = "tool_calls"
    prompt, completion = step.usage or (_prompt_tokens(body), len(_pieces(step.text)))
    return {
        "id": f"chatcmpl-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _error(message: str, kind: str = "server_error") -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}
