"""The self-assessment as data, and one thin function that asks it.

``questions`` are plain records; ``run_quiz`` is the flow (role, each skill, review) over
any ``Ask`` callable, so tests can answer without a terminal. ``questionary_ask`` is the
only place questionary is imported; it uses ``unsafe_ask`` so Ctrl-C raises
KeyboardInterrupt instead of printing to stdout and returning None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from csadvisor.advisor import Answers
from csadvisor.models import Catalog, Skill

NO_ROLE = "__none__"
FINISH = "__finish__"
REVIEW = "__review__"
CHANGE_ROLE = "__role__"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    message: str
    choices: tuple[Choice, ...]
    default: str | None = None
    instruction: str = ""


Ask = Callable[[Question], str]


def role_question(catalog: Catalog, default: str | None = None) -> Question:
    choices = [Choice(r.id, f"{r.title} (level {r.level})") for r in catalog.roles]
    choices.append(Choice(NO_ROLE, "Not in customer service yet"))
    return Question(
        "role",
        "What is your current role?",
        tuple(choices),
        default=default,
        instruction="(arrow keys, Enter to choose)",
    )


def skill_question(skill: Skill, number: int, total: int, default: int | None = None) -> Question:
    choices = tuple(Choice(str(i), f"{i} - {skill.descriptor(i)}") for i in range(1, 6))
    return Question(
        skill.id,
        f"Skill {number} of {total}: {skill.name}. Which sounds most like you?",
        choices,
        default=str(default) if default else None,
        instruction="(pick the behaviour, not the number)",
    )


def review_question(catalog: Catalog, role: str | None, ratings: dict[str, int]) -> Question:
    role_title = catalog.role_by_id[role].title if role else "Not in customer service yet"
    choices = [
        Choice(FINISH, "Finish and see my results"),
        Choice(CHANGE_ROLE, f"Role: {role_title}"),
    ]
    for skill in catalog.skills:
        level = ratings[skill.id]
        choices.append(Choice(skill.id, f"{skill.name}: {level} - {skill.descriptor(level)}"))
    return Question(
        "review",
        "Review your answers. Pick one to change it, or finish.",
        tuple(choices),
        default=FINISH,
    )


def same_rating_question(level: int) -> Question:
    return Question(
        "same",
        f"You rated every skill {level}. The result will be unreliable. Review your answers?",
        (Choice(REVIEW, "Review my answers"), Choice(FINISH, "Finish anyway")),
        default=REVIEW,
    )


def run_quiz(catalog: Catalog, ask: Ask) -> Answers:
    """Ask the role, then every skill, then review until the person finishes."""
    picked = ask(role_question(catalog))
    role = None if picked == NO_ROLE else picked
    total = len(catalog.skills)
    ratings = {s.id: int(ask(skill_question(s, i, total))) for i, s in enumerate(catalog.skills, 1)}
    while True:
        choice = ask(review_question(catalog, role, ratings))
        if choice == FINISH:
            levels = set(ratings.values())
            if len(levels) == 1 and total > 1 and ask(same_rating_question(levels.pop())) == REVIEW:
                continue
            return Answers(role, ratings)
        if choice == CHANGE_ROLE:
            picked = ask(role_question(catalog, default=role or NO_ROLE))
            role = None if picked == NO_ROLE else picked
        else:
            position = [s.id for s in catalog.skills].index(choice) + 1
            skill = catalog.skill_by_id[choice]
            ratings[choice] = int(ask(skill_question(skill, position, total, ratings[choice])))


def questionary_ask(input: Any = None, output: Any = None) -> Ask:
    """An ``Ask`` that draws a select prompt with questionary (prompt_toolkit)."""
    import questionary

    def ask(question: Question) -> str:
        width = _columns(output) - 6  # room for the pointer and the indent
        choices: Sequence[Any] = [
            questionary.Choice(wrap_label(c.label, width), value=c.value) for c in question.choices
        ]
        default = next((c for c in choices if c.value == question.default), None)
        answer = questionary.select(
            question.message,
            choices=choices,
            default=default,
            instruction=question.instruction or None,
            input=input,
            output=output,
        ).unsafe_ask()
        return str(answer)

    return ask


def wrap_label(label: str, width: int) -> str:
    """A choice's text over several lines, so a long descriptor is read whole, not cut."""
    import textwrap

    lines = textwrap.wrap(label, max(width, 30)) or [label]
    return "\n     ".join(lines)


def _columns(output: Any) -> int:
    if output is not None:
        try:
            return int(output.get_size().columns)
        except Exception:  # DummyOutput and friends have no real size
            return 80
    import shutil

    return shutil.get_terminal_size().columns


def terminal_ask() -> tuple[Ask, Callable[[], None]]:
    """Ask on the terminal, even when stdout is redirected to a file.

    Returns the ask function and a function that closes what was opened.
    """
    import sys

    from prompt_toolkit.output import create_output

    if sys.stdout.isatty():
        return questionary_ask(), lambda: None
    tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    return questionary_ask(output=create_output(stdout=tty)), tty.close
