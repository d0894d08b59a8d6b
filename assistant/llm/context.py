"""The context window a prompt must fit: asked of the server once, then remembered.

In order: what the server reports (llama-server's `GET /props`, vLLM's `max_model_len` in
`GET /v1/models`, Ollama's `POST /api/show`), else what its overflow error said (`transport`
records it), else the `context_windows` setting, else the built-in table by model name. A
setting can only shrink a window the server reported: a larger one would only overflow. The
answer is kept in the capability file, so the server is asked once per model, not per turn.
"""

import logging
import re
from typing import Any

from assistant.config import Settings
from assistant.llm.budget import Window, context_window
from assistant.llm.capabilities import Capabilities, CapabilityStore, capability_key
from assistant.llm.client import base_url, server_of, without_credentials

_PROBE_TIMEOUT = 3.0
_NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d+)", re.MULTILINE)

log = logging.getLogger("rmcoach.llm")


async def prompt_window(settings: Settings) -> Window:
    """The window to fit prompts into for the configured server and model."""
    server = server_of(settings)
    store = CapabilityStore(settings.home)
    key = capability_key(server)
    capabilities = store.get(key)
    if server.is_custom and not capabilities.context_probed and capabilities.context is None:
        reported, reached = await _ask_server(settings)
        if not reached:  # a server that is down is asked again next time
            return window_of(capabilities, settings, f"the model server at {server.url}")
        found: dict[str, object] = {"context_probed": True}
        if reported:
            found |= {"context": reported, "context_source": "server"}
            log.info("%s reports a context of %d tokens", server.url, reported)
        try:
            store.record(key, found)
        except OSError as error:
            log.warning("could not save model capabilities to %s: %s", store.path, error)
        capabilities = capabilities.model_copy(update=found)
    return window_of(capabilities, settings, f"the model server at {server.url}")


def window_of(capabilities: Capabilities, settings: Settings, where: str) -> Window:
    model = settings.model
    ratio = capabilities.token_ratio or 1.0
    setting = settings.context_windows.get(model)
    known, source = capabilities.context, capabilities.context_source
    if known and source and not (setting and setting < known):
        return Window(known, source, model, where, ratio)
    if setting:
        return Window(setting, "settings", model, f"the model {model!r}", ratio)
    return Window(context_window(model), "table", model, f"the model {model!r}", ratio)


async def _ask_server(settings: Settings) -> tuple[int | None, bool]:
    """The window the server reports, and whether it answered at all."""
    url, credentials = without_credentials(base_url(settings))
    root = re.sub(r"/v1$", "", url)
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    import httpx2  # only when a server is asked, as the openai client itself is

    probe = httpx2.AsyncClient(timeout=_PROBE_TIMEOUT, headers=headers, auth=credentials)
    async with probe as client:
        reached = False
        for ask in (_llama_server, _vllm, _ollama):
            try:
                found = await ask(client, root, url, settings.model)
            except httpx2.TransportError:
                continue
            except (httpx2.HTTPError, ValueError, TypeError, KeyError) as error:
                reached = True
                log.debug("context probe %s: %s", ask.__name__, type(error).__name__)
                continue
            if found:
                return found, True
            reached = True
    return None, reached


async def _llama_server(client: Any, root: str, url: str, model: str) -> int | None:
    props = (await client.get(f"{root}/props")).raise_for_status().json()
    settings = props.get("default_generation_settings") or {}
    return _positive(settings.get("n_ctx") or props.get("n_ctx"))


async def _vllm(client: Any, root: str, url: str, model: str) -> int | None:
    listed = (await client.get(f"{url}/models")).raise_for_status().json().get("data") or []
    entries = [entry for entry in listed if entry.get("id") == model] or listed[:1]
    return _positive(entries[0].get("max_model_len")) if entries else None


async def _ollama(client: Any, root: str, url: str, model: str) -> int | None:
    shown = (await client.post(f"{root}/api/show", json={"model": model})).raise_for_status()
    details = shown.json()
    # Ollama runs a model with num_ctx (often smaller than it was trained for) and truncates
    # silently beyond it, so its parameter is the window; the model's own length is the ceiling.
    if match := _NUM_CTX.search(details.get("parameters") or ""):
        return _positive(int(match.group(1)))
    info = details.get("model_info") or {}
    lengths = [value for name, value in info.items() if name.endswith(".context_length")]
    return _positive(lengths[0]) if lengths else None


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and value > 0 else None
