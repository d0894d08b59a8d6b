"""Settings, read from the environment (prefix `RMCOACH_`) and an optional TOML file.

Precedence, highest first: keyword arguments, environment variables, the config file
(`locations.config_file()`), the defaults below. The LLM's key and URL use the standard
`OPENAI_API_KEY` / `OPENAI_BASE_URL` names so any OpenAI-compatible setup works unchanged.
"""

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant import locations
from assistant.files import private_home


class RetrievalSettings(BaseModel):
    top_k: int = 5
    """How many guidance chunks the agent retrieves per question."""


class MatchingWeights(BaseModel):
    goal_fit: float = 0.45
    """Weight of how well the mentor's skills and interests answer the leader's learning goals
    (semantic similarity, with the same local embedding model as retrieval)."""
    tag_overlap: float = 0.15
    """Weight of the exact tags the two share: the leader's goals and interests against the
    mentor's skills and interests."""
    perspective: float = 0.3
    """Weight of the perspective the leader lacks: another department, level or generation."""
    availability: float = 0.1
    """Weight of overlapping availability, when both sides gave it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="RMCOACH_", env_nested_delimiter="__", extra="ignore"
    )

    home: Path = Field(default_factory=locations.data_home)
    """Data folder: the knowledge store, the database and drafts all live under it."""

    database_url: str | None = None
    """Any SQLAlchemy URL (e.g. postgresql+psycopg://...); default: SQLite under `home`."""

    busy_timeout: float = Field(default=30.0, gt=0, le=600)
    """Seconds a write waits for another process's write (a demo, a big import) to finish
    before it gives up and says so."""

    chroma_url: str | None = None
    """A Chroma server (`chroma run`) holding one guidance store for the whole programme, e.g.
    http://chroma.example.org:8000; default: the embedded store under `home`."""

    model: str = "gpt-4o-mini"
    """Name of the chat model on the OpenAI-compatible server."""

    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "RMCOACH_OPENAI_API_KEY")
    )
    """Key for the model server; never logged."""

    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "RMCOACH_OPENAI_BASE_URL")
    )
    """Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio)."""

    llm_timeout_seconds: float = 30.0
    """How long one model request may take before it is retried."""

    llm_max_retries: int = 2
    """Retries after the first attempt on 429, 5xx, timeouts and dropped connections."""

    context_windows: dict[str, int] = Field(default_factory=dict)
    """Context window per model name, e.g. {"llama3:8b": 8192}: used when the server does not
    report its own (llama-server, vLLM and Ollama do), and can only shrink one it reports."""

    llm_max_reply_tokens: int = Field(default=1024, ge=16)
    """The most tokens one model reply may take (a plan asks for up to 1500 when this allows);
    lower it to make a slow local model answer sooner."""

    min_group_size: int = 5
    """Report breakdowns over fewer pairs than this are suppressed."""

    smtp_host: str | None = None
    """The mail server `rmcoach nudges --send` hands messages to; unset, nothing is e-mailed."""

    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    """Its port; default 587 for starttls, 465 for tls, 25 for none."""

    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    """starttls: upgrade a plain connection (port 587); tls: TLS from the first byte (port 465);
    none: no encryption, for a relay on the same machine or network only."""

    smtp_user: str | None = None
    """The login, when the server asks for one."""

    smtp_password_file: Path | None = None
    """A file holding the login's password (the first line); the password is never logged or
    shown, and never kept in the config file itself."""

    mail_from: str | None = None
    """The sender, e.g. `Mentoring programme <mentoring@example.org>`."""

    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    matching: MatchingWeights = Field(default_factory=MatchingWeights)

    @property
    def llm_configured(self) -> bool:
        """True when a model server is set; otherwise rmcoach answers with its offline guide."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'rmcoach.sqlite3'}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=locations.config_file())
        return init_settings, env_settings, toml


def load_settings() -> Settings:
    """Settings as they stand now; the home folder is created on first use, private (0700)."""
    settings = Settings()
    private_home(settings.home)
    return settings


def settings_problem(error: BaseException) -> str | None:
    """A bad setting in words, naming where it can be set; None for any other error."""
    if not isinstance(error, ValidationError) or error.title != Settings.__name__:
        return None
    problems = []
    for detail in error.errors():
        name = ".".join(str(part) for part in detail["loc"])
        where = f"RMCOACH_{name.upper().replace('.', '__')} or {name} in {locations.config_file()}"
        # A key or password typed in the wrong place is still a secret: never echo it.
        secret = any(word in name for word in ("key", "password"))
        given = "" if secret else f", got {detail['input']!r}"
        problems.append(f"setting {name} ({where}): {detail['msg']}{given}")
    return "; ".join(problems)
