"""What a prompter is asked: a question with its choices, and the answer meaning "back".

Shared by the flow (``quiz``) and the two prompters that draw a question (``menu``,
``accessible``), which import this and not the flow: no module here imports another in
a circle.
"""

from __future__ import annotations

from collections.abc import Callable

from csadvisor.plain import Plain

BACK = "__back__"


class Choice(Plain):
    value: str
    label: str
    short: str = ""  # what the answered line echoes; the label when empty

    @property
    def echo(self) -> str:
        return self.short or self.label


class Question(Plain):
    key: str
    message: str
    choices: tuple[Choice, ...]
    default: str | None = None
    intro: str = ""  # said once, before the question
    topic: str = ""  # the answered line reads "topic: choice.echo"
    can_go_back: bool = False
    free_text: bool = False  # typed text, not a choice; empty (Enter) means none

    @property
    def numbered(self) -> bool:
        """Short lists are answered with one number key; long ones only by moving."""
        return len(self.choices) <= 9

    def problem(self, typed: str) -> str | None:
        """Why typed text cannot be kept (the rule an answers file's evidence follows)."""
        from csadvisor.storage.problems import INVALID, Checker
        from csadvisor.storage.specs import EVIDENCE

        if not typed.strip():
            return None
        checker = Checker()
        if EVIDENCE.check(typed, "", checker) is INVALID:
            return f"That example {checker.problems[0][1]}."
        return None


Ask = Callable[[Question], str]
