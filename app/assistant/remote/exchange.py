"""One remote conversation turn as the providers see it: the user message, then rounds of tool calls and results."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # JSON text, as the model wrote it


@dataclass
class Exchange:
    system: str
    user: str
    rounds: list[tuple[list[ToolCall], list[str]]] = field(default_factory=list)  # calls and their JSON results
