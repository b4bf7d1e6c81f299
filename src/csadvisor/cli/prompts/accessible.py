"""Plain numbered prompts for screen readers and braille displays.

A menu that repaints itself is unreadable with a screen reader. Here every prompt is
written once, top to bottom: the question, each choice on its own line as "1. ...", and
"Enter a number from 1 to N"; the answer is read as a whole line and echoed. No cursor
movement, no redraws, no colour (the shape of GitHub CLI's accessible prompter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from csadvisor.cli.prompts.questions import BACK, Ask, Question
from csadvisor.errors import escape_control

BACK_WORDS = ("b", "back")


def plain_ask(read_line: Callable[[], str], out: TextIO) -> Ask:
    """An ``Ask`` over a line reader (e.g. ``sys.stdin.readline``) and a text stream.

    An empty read (end of input) raises EOFError; Ctrl-C raises KeyboardInterrupt as usual.
    """

    def say(text: str) -> None:
        out.write(text)
        out.flush()

    def read() -> str:
        try:
            line = read_line()
        except KeyboardInterrupt:
            say("\n")  # the cancel message starts on its own line
            raise
        if not line:
            say("\n")
            raise EOFError
        return line

    def ask_text(question: Question) -> str:
        """Free text, one line: Enter alone skips (or keeps the earlier answer)."""
        say(question.message + "\n")
        keep = f" ({question.default})" if question.default else ""
        prompt = "Type it, or just Enter to " + ("keep it" + keep if keep else "skip")
        while True:
            say(prompt + ": ")
            typed = read().strip()
            why = question.problem(typed)
            if why is not None:
                say(why + " ")
                continue
            typed = typed or (question.default or "")
            say(f"{question.topic or 'Answer'}: {escape_control(typed) or 'skipped'}\n\n")
            return typed

    def ask(question: Question) -> str:
        if question.intro:
            say(question.intro + "\n\n")
        if question.free_text:
            return ask_text(question)
        say(question.message + "\n")
        default_number = None
        for number, choice in enumerate(question.choices, 1):
            mark = ""
            if choice.value == question.default:
                default_number = number
                # the review's "Finish" is where Enter goes, not an answer given before
                mark = " (default)" if question.key in NOT_ANSWERS else " (last answer)"
            say(f"{number}. {choice.label}{mark}\n")
        prompt = hint(question, default_number)
        while True:
            say(prompt + ": ")
            line = read()
            picked = parse(line, question, default_number)
            if picked is None:
                shown = escape_control(line.strip()[:20])
                say(f"'{shown}' is not one of the choices. ")
                continue
            if picked == BACK:
                say("Going back.\n\n")
                return BACK
            chosen = next(c for c in question.choices if c.value == picked)
            say(f"{question.topic or 'Answer'}: {chosen.echo}\n\n")
            return picked

    return ask


NOT_ANSWERS = frozenset({"review", "same"})  # questions whose default is an action


def hint(question: Question, default_number: int | None) -> str:
    text = f"Enter a number from 1 to {len(question.choices)}"
    if default_number is not None:
        text += f", or just Enter to keep {default_number}"
    if question.can_go_back:
        text += ", or b to go back"
    return text


def parse(line: str, question: Question, default_number: int | None) -> str | None:
    """The chosen value, BACK, or None when the entry is not a choice."""
    text = line.strip().lower().rstrip(".")
    if not text and default_number is not None:
        return question.choices[default_number - 1].value
    if question.can_go_back and text in BACK_WORDS:
        return BACK
    if text.isdigit() and 1 <= int(text) <= len(question.choices):
        return question.choices[int(text) - 1].value
    return None
