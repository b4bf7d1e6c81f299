"""The arrow-key menu: number keys choose, Left or Backspace goes back, long lists scroll.

questionary's ``select`` cannot choose on a number key, go back, echo a short answer, or
keep a list longer than the screen in view, so this is a small prompt_toolkit application
(and a prompt_toolkit text prompt), in questionary's colours. csadvisor depends on
prompt_toolkit directly, not on questionary (README, Design choices). Imported only when
a quiz runs.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from csadvisor.cli.prompts.questions import BACK, Ask, Choice, Question
from csadvisor.core.models import EVIDENCE_MAX

if TYPE_CHECKING:  # prompt_toolkit itself is imported when a menu is drawn
    from prompt_toolkit.formatted_text import StyleAndTextTuples as StyledText
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.output import Output
    from prompt_toolkit.styles import Style

POINTER = " » "
TEXT_RULE = f"One line of at most {EVIDENCE_MAX} characters, no control characters"
INDENT = "   "


def menu_ask(input: Input | None = None, output: Output | None = None) -> Ask:
    """An ``Ask`` drawing each question as a menu on ``output`` (default: the terminal).

    Each answered question leaves its line (the question and the answer) on the screen.
    Going back asks an earlier question again: its old line and every line below it are
    erased first, so the screen keeps one line per question, with the answer that stands.
    """
    shown: list[tuple[str, int]] = []  # each answered question's key and its height
    drawn_on: list[Output | None] = [output]  # the terminal they were drawn on
    went_back = False

    def ask(question: Question) -> str:
        nonlocal went_back
        keys = [key for key, _ in shown]
        if went_back and question.key in keys:  # its latest answer, and all below it
            at = len(keys) - 1 - keys[::-1].index(question.key)
            _erase_up(sum(height for _, height in shown[at:]), drawn_on[0])
            del shown[at:]
        if question.free_text:
            typed, height, drawn_on[0] = ask_text(question, input, output)
            shown.append((question.key, height))
            went_back = False
            return typed
        menu = Menu(question)
        answer = menu.run(input, output)
        drawn_on[0] = menu.output
        went_back = answer == BACK
        if not went_back:
            shown.append((question.key, menu.height))
        return answer

    return ask


def _erase_up(lines: int, output: Output | None) -> None:
    """Move up ``lines`` lines (the cursor is at the start of the line below them) and
    erase from there to the end of the screen."""
    if output is None or lines <= 0:
        return
    output.cursor_up(lines)
    output.erase_down()
    output.flush()


def ask_text(
    question: Question, input: Input | None = None, output: Output | None = None
) -> tuple[str, int, Output]:
    """A one-line text prompt in the menu's look: Enter alone skips, a bad entry says why.

    Returns the text, the number of terminal lines the answered prompt takes, and the
    output it was drawn on."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.utils import get_cwidth
    from prompt_toolkit.validation import Validator

    def valid(typed: str) -> bool:
        return question.problem(typed) is None

    prompt = f" {question.message} "
    session: PromptSession[str] = PromptSession(
        [("class:qmark", "?"), ("class:question", prompt)],
        validator=Validator.from_callable(valid, error_message=TEXT_RULE, move_cursor_to_end=True),
        validate_while_typing=False,
        style=_style(),
        input=input,
        output=output,
    )
    typed = session.prompt(default=question.default or "")
    drawn = session.app.output
    width = get_cwidth("?" + prompt + typed)
    columns = max(1, drawn.get_size().columns)
    # A line that ends exactly at the edge leaves the cursor on the row below: the rows
    # taken are the full rows, plus the one the cursor ends on.
    return typed.strip(), width // columns + 1, drawn


STYLE_RULES = (
    ("qmark", "fg:#5f819d"),
    ("question", "bold"),
    ("answer", "fg:#FF9D00 bold"),
)
"""The look of the prompts (the colours questionary made familiar: a grey-blue '?', a
bold question, an orange answer); every other class is the terminal's own."""


def _style() -> Style:
    from prompt_toolkit.styles import Style

    return Style(list(STYLE_RULES))


def hint(question: Question) -> str:
    moves = "the arrow keys and Enter"
    text = (
        f"Press 1-{len(question.choices)}, or use {moves}" if question.numbered else f"Use {moves}"
    )
    if question.can_go_back:
        text += "; Left or Backspace goes back"
    return f"({text})"


def visible(heights: list[int], pointer: int, top: int, rows: int) -> tuple[int, int]:
    """The slice of choices to draw so the pointed one is in view within ``rows`` lines.

    When not everything fits, two lines are kept for the "more above/below" notes; the
    first choice shown moves only as far as needed, so the list scrolls rather than jumps.
    """
    if sum(heights) <= rows:
        return 0, len(heights)
    room = max(1, rows - 2)
    top = min(top, pointer)
    while top < pointer and sum(heights[top : pointer + 1]) > room:
        top += 1
    end, used = top, 0
    while end < len(heights) and used + heights[end] <= room:
        used += heights[end]
        end += 1
    return top, max(end, pointer + 1)


class Menu:
    """One question on screen: its state (pointer, scroll) and how it is drawn."""

    def __init__(self, question: Question) -> None:
        self.question = question
        values = [c.value for c in question.choices]
        self.pointer = values.index(question.default) if question.default in values else 0
        self.top = 0
        self.answer: Choice | None = None
        self.cancelled = False
        self.height = 0  # the lines the answered question leaves on the screen
        self.output: Output | None = None  # where it was drawn

    # ------------------------------------------------------------------ drawing

    def header(self, width: int) -> StyledText:
        q = self.question
        out: StyledText = []
        if q.intro:
            out.append(
                ("", "\n".join(textwrap.wrap(q.intro, width, break_on_hyphens=False)) + "\n\n")
            )
        if self.answer is not None:
            topic = f"{q.topic or q.message}:"
            echo = self.answer.echo
            if len(topic) + len(echo) + 3 <= width:
                out += [("class:qmark", "?"), ("class:question", f" {topic} ")]
            else:
                lines = textwrap.wrap(
                    topic, width - 2, subsequent_indent="  ", break_on_hyphens=False
                )
                out += [("class:qmark", "?"), ("class:question", " " + "\n".join(lines) + "\n  ")]
            out.append(("class:answer", echo))
            return out
        lines = textwrap.wrap(q.message, width - 2, subsequent_indent="  ", break_on_hyphens=False)
        out += [("class:qmark", "?"), ("class:question", " " + "\n".join(lines))]
        if not self.cancelled:  # the last screen after Ctrl-C keeps the question, not the keys
            out.append(("class:instruction", "\n" + "\n".join(textwrap.wrap(hint(q), width))))
        return out

    def choice_lines(self, index: int, choice: Choice, width: int) -> list[str]:
        number = f"{index + 1}. " if self.question.numbered else ""
        room = max(20, width - len(POINTER) - len(number) - 1)
        lines = textwrap.wrap(choice.label, room, break_on_hyphens=False) or [""]
        pad = " " * (len(POINTER) + len(number))
        return [number + lines[0], *(pad + line for line in lines[1:])]

    def body(self, width: int, rows: int) -> StyledText:
        drawn = [self.choice_lines(i, c, width) for i, c in enumerate(self.question.choices)]
        self.top, end = visible([len(d) for d in drawn], self.pointer, self.top, rows)
        out: StyledText = []
        if self.top > 0:
            out.append(("class:instruction", f"{INDENT}({self.top} more above)\n"))
        for index in range(self.top, end):
            first, *rest = drawn[index]
            if index == self.pointer:
                out += [("class:pointer", POINTER), ("[SetCursorPosition]", "")]
                out.append(("class:highlighted", first))
            else:
                out.append(("class:text", INDENT + first))
            for line in rest:
                out.append(
                    ("class:highlighted" if index == self.pointer else "class:text", "\n" + line)
                )
            out.append(("", "\n"))
        if end < len(drawn):
            out.append(("class:instruction", f"{INDENT}({len(drawn) - end} more below)"))
        elif out:
            out.pop()  # no newline after the last line
        return out

    # ------------------------------------------------------------------ running

    def run(self, input: Input | None = None, output: Output | None = None) -> str:
        from prompt_toolkit.application import Application
        from prompt_toolkit.application.current import get_app
        from prompt_toolkit.filters import is_done
        from prompt_toolkit.layout import (
            ConditionalContainer,
            FormattedTextControl,
            HSplit,
            Layout,
            Window,
        )

        def size() -> tuple[int, int]:
            s = get_app().output.get_size()
            return max(20, s.columns - 1), max(6, s.rows)

        header_height = [1]

        def header() -> StyledText:
            tokens = self.header(size()[0])
            header_height[0] = "".join(token[1] for token in tokens).count("\n") + 1
            return tokens

        def body() -> StyledText:
            width, rows = size()
            return self.body(width, rows - header_height[0] - 1)

        layout = Layout(
            HSplit(
                [
                    Window(
                        FormattedTextControl(header),
                        dont_extend_height=True,
                        always_hide_cursor=True,
                    ),
                    ConditionalContainer(
                        Window(
                            FormattedTextControl(body),
                            dont_extend_height=True,
                            always_hide_cursor=True,
                        ),
                        filter=~is_done,
                    ),
                ]
            )
        )
        app: Application[str] = Application(
            layout=layout,
            key_bindings=self.key_bindings(),
            style=_style(),
            input=input,
            output=output,
        )
        answer = app.run()
        self.height, self.output = header_height[0], app.output
        return answer

    def key_bindings(self) -> KeyBindings:
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.keys import Keys

        q = self.question
        kb = KeyBindings()

        @kb.add("c-c", eager=True)
        @kb.add("c-q", eager=True)
        def _cancel(event: KeyPressEvent) -> None:
            self.cancelled = True
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        @kb.add("c-d", eager=True)
        def _end(event: KeyPressEvent) -> None:
            self.cancelled = True
            event.app.exit(exception=EOFError, style="class:aborting")

        @kb.add("down", eager=True)
        @kb.add("j", eager=True)
        @kb.add("c-n", eager=True)
        def _down(event: KeyPressEvent) -> None:
            self.pointer = (self.pointer + 1) % len(q.choices)

        @kb.add("up", eager=True)
        @kb.add("k", eager=True)
        @kb.add("c-p", eager=True)
        def _up(event: KeyPressEvent) -> None:
            self.pointer = (self.pointer - 1) % len(q.choices)

        def choose(event: KeyPressEvent, index: int) -> None:
            self.pointer = index
            self.answer = q.choices[index]
            event.app.exit(result=self.answer.value)

        @kb.add("enter", eager=True)
        def _enter(event: KeyPressEvent) -> None:
            choose(event, self.pointer)

        if q.numbered:
            for n in range(1, len(q.choices) + 1):
                kb.add(str(n), eager=True)(lambda event, i=n - 1: choose(event, i))

        if q.can_go_back:

            @kb.add("left", eager=True)
            @kb.add("backspace", eager=True)
            def _back(event: KeyPressEvent) -> None:
                event.app.erase_when_done = True  # the question is asked again, not answered
                event.app.exit(result=BACK)

        @kb.add(Keys.Any)
        def _other(event: KeyPressEvent) -> None:
            """Other keys do nothing (no typing into a menu)."""

        return kb
