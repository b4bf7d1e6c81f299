"""The two ways a question is drawn: the key-driven menu and the plain numbered text."""

from __future__ import annotations

import io
import re

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from csadvisor.cli.prompts import quiz
from csadvisor.cli.prompts.accessible import plain_ask
from csadvisor.cli.prompts.menu import Menu, hint, menu_ask, visible
from csadvisor.core.models import Catalog
from csadvisor.storage import catalog as catalog_module

DOWN = "\x1b[B"
UP = "\x1b[A"
LEFT = "\x1b[D"
BACKSPACE = "\x7f"
ENTER = "\r"


def bundled() -> Catalog:
    return catalog_module.load(catalog_module.resolve_source())


def press(keys: str, question: quiz.Question) -> str:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return menu_ask(input=inp, output=DummyOutput())(question)


def text_of(tokens: list[tuple[str, str]]) -> str:
    return "".join(t for _, t in tokens)


# --------------------------------------------------------------------------- the menu: keys


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_a_number_key_chooses_the_level_at_once(level: int) -> None:
    skill = bundled().skills[0]
    assert press(str(level), quiz.skill_question(skill, 1, 16, default=1)) == str(level)


def test_number_keys_choose_a_role_too() -> None:
    cat = bundled()
    assert press("2", quiz.role_question(cat)) == cat.roles[1].id
    assert press(str(len(cat.roles) + 1), quiz.role_question(cat)) == quiz.NO_ROLE


def test_arrow_keys_and_enter_still_work_alongside_numbers() -> None:
    skill = bundled().skills[0]
    assert press(DOWN + DOWN + ENTER, quiz.skill_question(skill, 1, 16)) == "3"
    assert press(UP + ENTER, quiz.skill_question(skill, 1, 16)) == "5"  # wraps round


def test_a_long_list_ignores_number_keys() -> None:
    cat = bundled()
    review = quiz.review_question(cat, None, {s.id: 2 for s in cat.skills})
    assert not review.numbered
    assert press("5" + ENTER, review) == quiz.FINISH


@pytest.mark.parametrize("key", [LEFT, BACKSPACE])
def test_left_or_backspace_goes_back(key: str) -> None:
    skill = bundled().skills[1]
    assert press(key, quiz.skill_question(skill, 2, 16)) == quiz.BACK


def test_no_way_back_from_the_first_question() -> None:
    cat = bundled()
    assert press(LEFT + BACKSPACE + ENTER, quiz.role_question(cat)) == cat.roles[0].id


def test_the_hint_names_the_keys() -> None:
    skill = bundled().skills[0]
    text = hint(quiz.skill_question(skill, 2, 16))
    assert "Press 1-5" in text
    assert "arrow keys and Enter" in text
    assert "Left or Backspace goes back" in text
    role_hint = hint(quiz.role_question(bundled()))
    assert "goes back" not in role_hint
    assert "Press 1-7" in role_hint


@pytest.mark.parametrize("key", ["\x03", "\x04"])
def test_ctrl_c_and_ctrl_d_cancel(key: str) -> None:
    with pytest.raises((KeyboardInterrupt, EOFError)):
        press(key, quiz.role_question(bundled()))


# --------------------------------------------------------------------------- the menu: drawing


@pytest.mark.parametrize("width", [20, 30, 45, 60, 80, 120, 200])
def test_the_answered_line_echoes_level_and_word_never_a_cut_descriptor(width: int) -> None:
    cat = bundled()
    for number, skill in enumerate(cat.skills, 1):
        menu = Menu(quiz.skill_question(skill, number, len(cat.skills)))
        menu.answer = menu.question.choices[2]
        lines = text_of(menu.header(width)).splitlines()
        assert lines[-1].endswith("3 Skilled")
        assert all(len(line) <= width for line in lines), lines
        shown = " ".join(lines)
        assert not any(d[:12] in shown for d in skill.levels)  # no descriptor, whole or cut


def test_every_choice_label_is_shown_whole_at_narrow_widths() -> None:
    skill = bundled().skills[0]
    menu = Menu(quiz.skill_question(skill, 1, 16))
    for width in (30, 50, 80):
        body = text_of(menu.body(width, rows=100))
        assert all(len(line) <= width for line in body.splitlines())
        flat = re.sub(r"\s+", " ", body)
        for level in skill.levels:
            assert level in flat


def test_visible_keeps_the_pointer_in_view_and_scrolls_gently() -> None:
    heights = [1] * 20
    assert visible(heights, 0, 0, 30) == (0, 20)  # fits: everything
    top, end = visible(heights, 0, 0, 10)
    assert (top, end) == (0, 8)  # two lines kept for "more" notes
    top, end = visible(heights, 8, top, 10)
    assert (top, end) == (1, 9)  # one step down moves the window by one
    top, end = visible(heights, 19, top, 10)
    assert (top, end) == (12, 20)
    assert visible(heights, 3, top, 10) == (3, 11)
    assert visible([12, 1], 0, 0, 5) == (0, 1)  # a choice taller than the room is still drawn


@pytest.mark.parametrize("width", [40, 60, 80])
def test_review_fits_24_rows_and_every_answer_can_be_reached(width: int) -> None:
    cat = bundled()
    menu = Menu(quiz.review_question(cat, None, {s.id: 3 for s in cat.skills}))
    header_lines = text_of(menu.header(width)).count("\n") + 1
    rows = 24 - header_lines - 1
    seen = ""
    for pointer in range(len(menu.question.choices)):
        menu.pointer = pointer
        body = text_of(menu.body(width, rows))
        assert len(body.splitlines()) <= rows
        seen += " " + re.sub(r"\s+", " ", body)
    for skill in cat.skills:
        assert f"{skill.name}: 3 Skilled" in seen


def test_a_list_taller_than_the_screen_says_there_is_more() -> None:
    cat = bundled()
    menu = Menu(quiz.review_question(cat, None, {s.id: 3 for s in cat.skills}))
    body = text_of(menu.body(40, rows=10))
    assert "more below" in body
    assert "more above" not in body
    menu.pointer = len(menu.question.choices) - 1
    body = text_of(menu.body(40, rows=10))
    assert "more above" in body
    assert "more below" not in body


def test_the_intro_is_printed_above_the_question() -> None:
    menu = Menu(quiz.role_question(bundled(), intro="17 questions, about 6 minutes."))
    text = text_of(menu.header(80))
    assert text.startswith("17 questions, about 6 minutes.\n\n? What is your current role?")


# --------------------------------------------------------------------------- accessible


def plain(lines: list[str], question: quiz.Question) -> tuple[str, str]:
    feed = iter(lines)
    out = io.StringIO()
    answer = plain_ask(lambda: next(feed, ""), out)(question)
    return answer, out.getvalue()


def test_accessible_prompt_is_plain_numbered_text() -> None:
    skill = bundled().skills[0]
    answer, text = plain(["4\n"], quiz.skill_question(skill, 2, 16))
    assert answer == "4"
    lines = text.splitlines()
    assert lines[0] == f"Skill 2 of 16: {skill.name}. Which sounds most like you?"
    assert lines[1:6] == [f"{i}. {skill.levels[i - 1]}" for i in range(1, 6)]
    # The terminal shows what was typed after the prompt; then the answer is echoed.
    assert lines[6] == (
        f"Enter a number from 1 to 5, or b to go back: Skill 2 of 16: {skill.name}: 4 Advanced"
    )
    assert "\x1b" not in text


def test_accessible_says_the_real_count() -> None:
    cat = bundled()
    answer, text = plain(["1\n"], quiz.role_question(cat))
    assert answer == cat.roles[0].id
    assert f"Enter a number from 1 to {len(cat.roles) + 1}: " in text
    assert "or b to go back" not in text


def test_accessible_asks_again_after_a_wrong_entry() -> None:
    skill = bundled().skills[0]
    answer, text = plain(["9\n", "three\n", "\x1b[2J\n", "2\n"], quiz.skill_question(skill, 1, 16))
    assert answer == "2"
    assert text.count("Enter a number from 1 to 5") == 4
    assert "'9' is not one of the choices." in text
    assert "'three' is not one of the choices." in text
    assert "\x1b" not in text  # what was typed is shown, never obeyed


def test_accessible_back_and_default() -> None:
    skill = bundled().skills[0]
    assert plain(["b\n"], quiz.skill_question(skill, 2, 16))[0] == quiz.BACK
    answer, text = plain(["\n"], quiz.skill_question(skill, 2, 16, default=3))
    assert answer == "3"
    assert "3. " + skill.levels[2] + " (last answer)" in text
    assert "or just Enter to keep 3" in text
    # The role question has no way back: "b" is just a wrong entry.
    answer, _ = plain(["b\n", "1\n"], quiz.role_question(bundled()))
    assert answer == bundled().roles[0].id


def test_accessible_review_marks_finish_as_the_default_not_a_last_answer() -> None:
    """ "1. Finish and see my results (last answer)" on a review never answered before (p4)."""
    cat = bundled()
    ratings = {s.id: 2 for s in cat.skills}
    answer, text = plain(["\n"], quiz.review_question(cat, None, ratings))
    assert answer == quiz.FINISH
    assert "1. Finish and see my results (default)" in text
    assert "(last answer)" not in text


def test_accessible_end_of_input_cancels() -> None:
    with pytest.raises(EOFError):
        plain([], quiz.role_question(bundled()))


def test_after_ctrl_c_the_keys_are_no_longer_offered() -> None:
    menu = Menu(quiz.role_question(bundled()))
    assert "Press 1-7" in text_of(menu.header(80))
    menu.cancelled = True
    assert text_of(menu.header(80)) == "? What is your current role?"


# --------------------------------------------------------------------------- free text (evidence)


def example_question(default: str | None = None) -> quiz.Question:
    return quiz.evidence_question(bundled().skills[0], 3, default)


def test_the_menu_reads_an_example_as_typed_text() -> None:
    assert press("Took over a queue\r", example_question()) == "Took over a queue"
    assert press("\r", example_question()) == ""  # Enter alone skips
    assert press("\r", example_question("Earlier one")) == "Earlier one"


def test_the_menu_refuses_an_overlong_example_and_keeps_asking() -> None:
    from csadvisor.core.models import EVIDENCE_MAX

    keys = "x" * (EVIDENCE_MAX + 1) + "\r" + "\x7f" + "\r"  # too long, then one fewer
    assert press(keys, example_question()) == "x" * EVIDENCE_MAX


def test_the_menu_ctrl_c_in_an_example_cancels() -> None:
    with pytest.raises(KeyboardInterrupt):
        press("abc\x03", example_question())


def test_accessible_reads_an_example_line_and_echoes_it() -> None:
    lines = iter(["Took over a queue\n"])
    out = io.StringIO()
    got = plain_ask(lambda: next(lines), out)(example_question())
    assert got == "Took over a queue"
    text = out.getvalue()
    assert "(Enter to skip)" in text
    assert "Type it, or just Enter to skip: " in text
    assert "Example for Empathy and emotional intelligence: Took over a queue" in text


def test_accessible_enter_skips_and_a_bad_example_is_asked_again() -> None:
    lines = iter(["bad \x1b]52;c;Zm9v\x07 text\n", "\n"])
    out = io.StringIO()
    assert plain_ask(lambda: next(lines), out)(example_question()) == ""
    text = out.getvalue()
    assert "contains a control character (\\x1b); not allowed here" in text
    assert "\x1b" not in text  # the escape is shown, never sent
    assert text.rstrip().endswith(": skipped")


def test_accessible_end_of_input_in_an_example_raises_eof() -> None:
    with pytest.raises(EOFError):
        plain_ask(lambda: "", io.StringIO())(example_question())
