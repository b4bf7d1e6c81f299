"""The self-assessment as data, and the flow that asks it.

``Question`` and ``Choice`` (in ``questions``) are plain records; ``run_quiz`` is the
flow (role, each skill, review, with a way back) over any ``Ask`` callable, so tests can
answer without a terminal. Two prompters draw the questions: ``menu`` (an arrow-key menu
with number keys, built on prompt_toolkit) and ``accessible`` (plain numbered text read
line by line, for screen readers). An ``Ask`` raises KeyboardInterrupt or EOFError when
the person cancels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TextIO

from csadvisor.cli.prompts.questions import BACK, Ask, Choice, Question
from csadvisor.core.advisor import Answers
from csadvisor.core.models import Catalog, Skill
from csadvisor.plain import Plain

__all__ = ["BACK", "Ask", "Choice", "Question", "run_quiz", "terminal_ask"]

NO_ROLE = "__none__"
FINISH = "__finish__"
REVIEW = "__review__"
CHANGE_ROLE = "__role__"

#: One word per level, echoed after an answer instead of a descriptor cut to fit.
from csadvisor.core.models import LEVEL_LABELS  # noqa: E402

#: A rough estimate, not a measurement: reading five short descriptors and picking one.
SECONDS_PER_QUESTION = 20
NO_ROLE_LABEL = "Not in customer service yet (the advice picks the role that fits you best)"


class Previous(Plain):
    """The latest saved answers a retake starts from."""

    answers: Answers
    created: str


def level_echo(level: int) -> str:
    return f"{level} {LEVEL_LABELS[level - 1]}"


def opening_line(catalog: Catalog, previous: Previous | None = None) -> str:
    count = len(catalog.skills) + 1
    minutes = max(1, math.ceil(count * SECONDS_PER_QUESTION / 60))
    line = (
        f"{count} questions, about {minutes} minutes. You can change any answer at the end; "
        "Ctrl-C stops and saves nothing."
    )
    if previous is not None:
        line += (
            f" Each answer starts on the one you gave on {previous.created[:10]} "
            "(--fresh starts blank)."
        )
    return line


def top_of_track_note(catalog: Catalog, role: str | None) -> str:
    """Told before the skills, so a manager is not surprised by having no next step."""
    if role is None or catalog.role_by_id[role].next:
        return ""
    title = catalog.role_by_id[role].title
    return (
        f"{title} is the top of its track here, so the advice will show lateral moves "
        "(roles at your level or above that you could move to) and your strongest skills."
    )


def role_question(catalog: Catalog, default: str | None = None, intro: str = "") -> Question:
    choices = [Choice(r.id, f"{r.title} (level {r.level})", short=r.title) for r in catalog.roles]
    choices.append(Choice(NO_ROLE, NO_ROLE_LABEL, short="Not in customer service yet"))
    return Question(
        "role",
        "What is your current role?",
        tuple(choices),
        default=default,
        intro=intro,
        topic="Role",
    )


def skill_question(
    skill: Skill,
    number: int,
    total: int,
    default: int | None = None,
    intro: str = "",
    can_go_back: bool = True,
) -> Question:
    choices = tuple(Choice(str(i), skill.descriptor(i), short=level_echo(i)) for i in range(1, 6))
    return Question(
        skill.id,
        f"Skill {number} of {total}: {skill.name}. Which sounds most like you?",
        choices,
        default=str(default) if default else None,
        intro=intro,
        topic=f"Skill {number} of {total}: {skill.name}",
        can_go_back=can_go_back,
    )


def evidence_question(skill: Skill, level: int, default: str | None = None) -> Question:
    """One optional example behind a rating, asked right after it (``--evidence``)."""
    return Question(
        f"evidence:{skill.id}",
        f"One example that shows {skill.name} at level {level} (Enter to skip):",
        (),
        default=default,
        topic=f"Example for {skill.name}",
        free_text=True,
    )


def review_question(catalog: Catalog, role: str | None, ratings: dict[str, int]) -> Question:
    role_title = catalog.role_by_id[role].title if role else "Not in customer service yet"
    choices = [
        Choice(FINISH, "Finish and see my results"),
        Choice(CHANGE_ROLE, f"Role: {role_title}", short="change the role"),
    ]
    for skill in catalog.skills:
        level = ratings[skill.id]
        choices.append(Choice(skill.id, f"{skill.name}: {level_echo(level)}", short=skill.name))
    return Question(
        "review",
        "Review your answers. Pick one to change it, or finish.",
        tuple(choices),
        default=FINISH,
        topic="Review",
        can_go_back=True,
    )


def same_rating_question(level: int) -> Question:
    return Question(
        "same",
        f"You rated every skill {level}. The result will be unreliable. Review your answers?",
        (Choice(REVIEW, "Review my answers"), Choice(FINISH, "Finish anyway")),
        default=REVIEW,
        topic="Every skill the same",
    )


def run_quiz(
    catalog: Catalog, ask: Ask, previous: Previous | None = None, *, evidence: bool = False
) -> Answers:
    """Ask the role, then every skill (with a way back), then review until the person finishes.

    With ``previous``, each question starts on the earlier answer, so a retake measures
    change instead of retyping everything. With ``evidence``, each rating is followed by
    a request for one optional example.
    """
    examples: dict[str, str] = {}
    ask_example = _example_asker(ask, examples) if evidence else None
    before: Mapping[str, int] = previous.answers.ratings if previous else {}
    role_default = _role_default(catalog, previous)
    skills = catalog.skills
    total = len(skills)
    ratings: dict[str, int] = {}
    role: str | None = None
    step = 0  # 0 the role, 1..total the skills
    opening = opening_line(catalog, previous)
    while step <= total:
        if step == 0:
            # the opening again when the role is asked again (the menu erased it going back)
            picked = ask(role_question(catalog, role_default, intro=opening))
            role = None if picked == NO_ROLE else picked
            role_default = picked
            step = 1
            continue
        skill = skills[step - 1]
        default = ratings.get(skill.id) or _valid_level(before.get(skill.id))
        intro = top_of_track_note(catalog, role) if step == 1 else ""
        answer = ask(skill_question(skill, step, total, default, intro))
        if answer == BACK:
            step -= 1
            continue
        ratings[skill.id] = int(answer)
        if ask_example is not None:
            ask_example(skill, ratings[skill.id])
        step += 1
    return _review(catalog, ask, role, ratings, ask_example)._replace(evidence=examples)


def _example_asker(ask: Ask, examples: dict[str, str]) -> Callable[[Skill, int], None]:
    def ask_example(skill: Skill, level: int) -> None:
        typed = ask(evidence_question(skill, level, examples.get(skill.id))).strip()
        if typed:
            examples[skill.id] = typed
        else:
            examples.pop(skill.id, None)

    return ask_example


def _review(
    catalog: Catalog,
    ask: Ask,
    role: str | None,
    ratings: dict[str, int],
    ask_example: Callable[[Skill, int], None] | None = None,
) -> Answers:
    total = len(catalog.skills)
    while True:
        choice = ask(review_question(catalog, role, ratings))
        if choice == FINISH:
            levels = set(ratings.values())
            if len(levels) == 1 and total > 1 and ask(same_rating_question(levels.pop())) == REVIEW:
                continue
            return Answers(role, ratings)
        if choice == BACK:
            choice = catalog.skills[-1].id
        if choice == CHANGE_ROLE:
            picked = ask(role_question(catalog, default=role or NO_ROLE))
            role = None if picked == NO_ROLE else picked
        else:
            position = [s.id for s in catalog.skills].index(choice) + 1
            skill = catalog.skill_by_id[choice]
            answer = ask(skill_question(skill, position, total, ratings[choice]))
            if answer != BACK:  # back from a change returns to the review unchanged
                ratings[choice] = int(answer)
                if ask_example is not None:
                    ask_example(skill, ratings[choice])


def _role_default(catalog: Catalog, previous: Previous | None) -> str | None:
    """The earlier role if the data still has it; the newcomer choice for a newcomer."""
    if previous is None:
        return None
    role = previous.answers.role
    if role is None:
        return NO_ROLE
    return role if role in catalog.role_by_id else None


def _valid_level(value: object) -> int | None:
    return value if isinstance(value, int) and 1 <= value <= 5 else None


def latest_answers(catalog: Catalog, warn: Callable[[str], None]) -> Previous | None:
    """Your latest saved self-assessment's answers, for a retake to start from (never
    one you saved about someone else)."""
    from csadvisor.core.people import ME
    from csadvisor.storage import history

    saved = history.about(history.load_all(warn), ME, "self")
    if not saved:
        return None
    result = saved[-1].result
    ratings = {k: v for k, v in result.ratings.items() if k in catalog.skill_by_id}
    return Previous(Answers(result.role, ratings), result.created)


_FALSE = ("", "0", "false", "no", "off")


def accessible_mode(flag: bool, environ: Mapping[str, str]) -> bool:
    """``--accessible``, or CSADVISOR_ACCESSIBLE / ACCESSIBLE set to anything but a no."""
    if flag:
        return True
    return any(
        environ.get(name, "").strip().lower() not in _FALSE
        for name in ("CSADVISOR_ACCESSIBLE", "ACCESSIBLE")
    )


def terminal_ask(accessible: bool = False) -> tuple[Ask, Callable[[], None]]:
    """Ask on the terminal, even when stdout is redirected to a file.

    Returns the ask function and a function that closes what was opened.
    """
    import sys

    out: TextIO = sys.stdout
    close: Callable[[], None] = lambda: None  # noqa: E731
    if not sys.stdout.isatty():
        out = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller
        close = out.close
    if accessible:
        from csadvisor.cli.prompts.accessible import plain_ask

        return plain_ask(sys.stdin.readline, out), close
    from csadvisor.cli.prompts.menu import menu_ask

    if out is sys.stdout:
        return menu_ask(), close
    from prompt_toolkit.output import create_output

    return menu_ask(output=create_output(stdout=out)), close
