"""The one place a backend name becomes an Assistant."""

from app.assistant.base import Assistant
from app.assistant.local.assistant import LocalAssistant
from app.assistant.remote.assistant import RemoteAssistant
from app.assistant.remote.gemini import Gemini
from app.assistant.remote.openai_compat import OpenAICompatible

BACKENDS = ("local", "openai", "gemini")


def create_assistant(
    *,
    backend: str = "local",
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout_s: float = 30.0,
    retries: int = 1,
) -> Assistant:
    """ "local" (default, offline), "openai" (any OpenAI-compatible API) or "gemini"; remote ones fall back to local."""
    local = LocalAssistant()
    if backend == "local":
        return local
    if backend == "openai":
        provider: OpenAICompatible | Gemini = OpenAICompatible(base_url=base_url, model=model, api_key=api_key)
    elif backend == "gemini":
        provider = Gemini(base_url=base_url, model=model, api_key=api_key)
    else:
        raise ValueError(f"unknown assistant backend {backend!r}; expected one of {', '.join(BACKENDS)}")
    return RemoteAssistant(provider, timeout_s=timeout_s, retries=retries, local=local)
