"""A leader's preparation chats with the coach, kept for them alone, one file per conversation.

The chat is part of preparing: closing the app must not lose it. Each conversation is a JSON
file under `home/private/chats/PAIR.SIDE/`, named by when it began, readable by its owner only;
the newest reopens with the screen. Nothing else in rmcoach reads these files: no report, no
coordinator, not the other side of the pair.
"""

from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.models import Side
from assistant.workspace.private_files import private_folder, write_private


class SavedMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class SavedChat(BaseModel):
    model_config = ConfigDict(extra="forbid")

    started_at: datetime
    messages: list[SavedMessage] = []


class SavedChats:
    def __init__(self, home: Path, pair_id: str, side: Side) -> None:
        self._home = home
        self._name = f"{pair_id}.{side}"

    @property
    def folder(self) -> Path:
        return self._home / "private" / "chats" / self._name

    def latest(self) -> SavedChat | None:
        """The newest conversation that can be read; a damaged file is passed over, not lost."""
        for path in sorted(self.folder.glob("*.json"), reverse=True):
            try:
                return SavedChat.model_validate_json(path.read_bytes())
            except (OSError, ValidationError):
                continue
        return None

    def save(self, chat: SavedChat) -> Path:
        private_folder(self._home, f"chats/{self._name}")
        path = self.folder / f"{chat.started_at:%Y%m%d-%H%M%S-%f}.json"
        write_private(path, chat.model_dump_json(indent=1))
        return path


def chat_markdown(chat: SavedChat, title: str) -> str:
    """One conversation as Markdown, for the person to keep or share as they choose."""
    lines = [f"# {title}", "", f"Started {chat.started_at:%d %b %Y %H:%M}.", ""]
    for message in chat.messages:
        lines += [f"## {'You' if message.role == 'user' else 'Coach'}", "", message.content, ""]
    return "\n".join(lines)
