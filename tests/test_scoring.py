"""Readiness, bands, gaps, ranking and advice, on small hand-built catalogues."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from csadvisor.core import advisor, assessment
from csadvisor.core.advisor import Answers, Readiness
from csadvisor.core.models import Catalog, PayRange, Role, Skill


def skill(sid: str, growth: tuple[str, ...] = ()) -> Skill:
    levels = tuple(f"{sid} level {i}" for i in range(1, 6))
    return Skill(
        id=sid,
        name=sid.replace("-", " ").title(),
        category="soft",
        description=f"About {sid}",
        levels=levels,  # type: ignore[arg-type]
        growth=growth or (f"practise {sid}",),
    )


def pay(low: float, high: float, currency: str = "USD", period: str = "year") -> PayRange:
    return PayRange(low, high, currency, period, "US national", "starting salary", "Test", 2026)


def role(
    rid: str,
    skills: Mapping[str, int] | None = None,
    next_: tuple[str, ...] = (),
    pay_: PayRange | None = None,
    level: int = 1,
) -> Role:
    return Role(
        id=rid,
        title=rid.replace("-", " ").capitalize(),
        level=level,
        summary="",
        responsibilities=(),
        aliases=(),
        next=next_,
        skills=dict(skills or {}),
        pay=pay_,
    )


SKILL_IDS = ("empathy", "communication", "data-literacy", "coaching", "metrics", "scheduling")


def catalog(*roles: Role, skill_ids: tuple[str, ...] = SKILL_IDS) -> Catalog:
    return Catalog(roles=roles, skills=tuple(skill(s) for s in skill_ids))


def answers(role_id: str | None = None, **ratings: int) -> Answers:
    return Answers(role_id, {k.replace("_", "-"): v for k, v in ratings.items()})


# --------------------------------------------------------------------------- readiness


@pytest.mark.parametrize(
    ("ratings", "score", "met"),
    [
        ({"empathy": 2, "communication": 4}, 1.0, 2),
        ({"empathy": 1, "communication": 4}, 5 / 6, 1),
        ({"empathy": 2, "communication": 1}, 3 / 6, 1),
        # Being above a requirement earns no extra credit elsewhere.
        ({"empathy": 5, "communication": 1}, 3 / 6, 1),
        ({"empathy": 5, "communication": 5}, 1.0, 2),
        # A skill not rated at all counts as nothing.
        ({"empathy": 2}, 2 / 6, 1),
        ({}, 0.0, 0),
    ],
)
def test_readiness_is_capped_credit_over_required_levels(
    ratings: dict[str, int], score: float, met: int
) -> None:
    target = role("target", {"empathy": 2, "communication": 4})
    cat = catalog(target)
    item = advisor.readiness_for(target, Answers(None, ratings), cat)
    assert item.score == pytest.approx(score)
    assert item.met == met
    assert item.required == 2


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.0, "ready"),
        (0.95, "ready"),
        (0.90, "ready"),
        (0.889, "close"),
        (0.75, "close"),
        (0.70, "close"),
        (0.689, "stretch"),
        (0.3, "stretch"),
        (0.0, "stretch"),
    ],
)
def test_band_thresholds(score: float, band: str) -> None:
    assert advisor.band_for(score) == band


@pytest.mark.parametrize("score", [0.6951, 0.6977, 0.6999, 0.8951, 0.8977, 0.8999])
def test_shown_percent_and_band_never_contradict(score: float) -> None:
    # Just under a threshold: whatever percent is shown, its band follows the documented
    # "ready >= 90%, close >= 70%" for that percent (never "70% stretch" or "90% close").
    shown = Readiness(role("r"), score, advisor.band_for(score), 0, 0, (), None, 1)
    expected = "ready" if shown.percent >= 90 else "close" if shown.percent >= 70 else "stretch"
    assert shown.band == expected


@pytest.mark.parametrize(
    ("a", "b", "percent", "band"),
    [
        (5, 5, 100, "ready"),
        (5, 4, 90, "ready"),  # exactly 90%: ready
        # Both skills are the role's key skills (its highest level): two levels short on
        # one of them holds the role at stretch whatever the percent (issue 11).
        (5, 3, 80, "stretch"),
        (5, 2, 70, "stretch"),
        (4, 2, 60, "stretch"),
        (1, 1, 20, "stretch"),
    ],
)
def test_band_boundaries_from_real_scores(a: int, b: int, percent: int, band: str) -> None:
    target = role("target", {"empathy": 5, "communication": 5})
    item = advisor.readiness_for(target, answers(empathy=a, communication=b), catalog(target))
    assert item.percent == percent
    assert item.band == band


# A role whose key skill (its highest level) is empathy 5; the others are required lower.
LADDER = {"empathy": 5, "communication": 4, "coaching": 4, "metrics": 4, "scheduling": 3}


@pytest.mark.parametrize(
    ("ratings", "percent", "band", "held"),
    [
        # The percent thresholds, where nothing holds the role back.
        (dict(LADDER), 100, "ready", ""),
        ({**LADDER, "communication": 2}, 90, "ready", ""),  # exactly 90%
        ({**LADDER, "communication": 2, "coaching": 3}, 85, "close", ""),
        ({**LADDER, "communication": 1, "coaching": 1}, 70, "close", ""),  # exactly 70%
        (
            {**LADDER, "communication": 1, "coaching": 1, "metrics": 3},
            65,
            "stretch",
            "fewer than half of its requirements are met",  # 2 of 5
        ),
        # Non-key skills three levels short do not hold it back (70% above, 3 of 5 met).
        # The key skill one level short: still ready.
        ({**LADDER, "empathy": 4}, 95, "ready", ""),
        # The key skill two levels short: stretch, however high the percent.
        ({**LADDER, "empathy": 3}, 90, "stretch", "a key skill is two or more levels short"),
        ({**LADDER, "empathy": 1}, 80, "stretch", "a key skill is two or more levels short"),
    ],
)
def test_banding_rule_key_skill_boundaries(
    ratings: dict[str, int], percent: int, band: str, held: str
) -> None:
    target = role("target", LADDER)
    item = advisor.readiness_for(target, Answers(None, ratings), catalog(target))
    assert (item.percent, item.band) == (percent, band)
    assert item.held_back.startswith(held)
    if held.startswith("a key skill"):
        assert "empathy" in item.held_back
    if held:
        record = assessment._readiness_record(item)
        assert record.held_back == item.held_back
    else:
        assert assessment._readiness_record(item).held_back is None


SIX = ("empathy", "communication", "data-literacy", "coaching", "metrics", "scheduling")


@pytest.mark.parametrize(
    ("fives", "percent", "band"),
    [
        (3, 90, "ready"),  # 3 of 6 met: exactly half is enough
        (2, 87, "stretch"),  # 2 of 6 met: fewer than half, however close the percent
        (4, 93, "ready"),
    ],
)
def test_banding_rule_half_the_requirements_met(fives: int, percent: int, band: str) -> None:
    target = role("all-five", dict.fromkeys(SIX, 5))
    ratings = {s: 5 if i < fives else 4 for i, s in enumerate(SIX)}
    item = advisor.readiness_for(target, Answers(None, ratings), catalog(target))
    assert (item.met, item.percent, item.band) == (fives, percent, band)
    held = "fewer than half of its requirements are met" if band == "stretch" else ""
    assert item.held_back == held


def test_the_rule_is_in_the_formula_the_result_carries() -> None:
    for words in ("two or more levels short", "fewer than half", ">= 90%", ">= 70%"):
        assert words in advisor.READINESS_FORMULA


def test_role_with_no_requirements_is_fully_ready() -> None:
    target = role("open-door", {})
    item = advisor.readiness_for(target, answers(empathy=1), catalog(target))
    assert item.score == 1.0
    assert item.percent == 100
    assert item.band == "ready"
    assert item.gaps == ()
    assert advisor.reason(item) == "no skill requirements listed for this role"


def test_all_requirements_met_is_ready_with_no_gaps() -> None:
    target = role("target", {"empathy": 3, "metrics": 2, "coaching": 4})
    item = advisor.readiness_for(
        target, answers(empathy=3, metrics=5, coaching=4, scheduling=1), catalog(target)
    )
    assert item.percent == 100
    assert item.band == "ready"
    assert item.gaps == ()
    assert item.met == item.required == 3
    assert advisor.reason(item) == "meets 3 of 3 requirements; no gaps"


def test_gaps_biggest_first_then_higher_requirement_then_catalogue_order() -> None:
    target = role(
        "target",
        {
            "empathy": 3,  # 1 -> 3: gap 2, requires 3
            "communication": 5,  # 3 -> 5: gap 2, requires 5
            "data-literacy": 3,  # 2 -> 3: gap 1, requires 3
            "coaching": 4,  # 3 -> 4: gap 1, requires 4
            "metrics": 3,  # 3 -> 3: no gap
            "scheduling": 2,  # 0 -> 2 (not rated): gap 2, requires 2
        },
    )
    ratings = answers(empathy=1, communication=3, data_literacy=2, coaching=3, metrics=4)
    item = advisor.readiness_for(target, ratings, catalog(target))
    assert [(g.skill.id, g.rating, g.required, g.size) for g in item.gaps] == [
        ("communication", 3, 5, 2),
        ("empathy", 1, 3, 2),
        ("scheduling", 0, 2, 2),
        ("coaching", 3, 4, 1),
        ("data-literacy", 2, 3, 1),
    ]


def test_equal_gaps_keep_catalogue_order() -> None:
    target = role("target", {"metrics": 3, "empathy": 3, "coaching": 3})
    item = advisor.readiness_for(target, answers(metrics=2, empathy=2, coaching=2), catalog(target))
    assert [g.skill.id for g in item.gaps] == ["empathy", "coaching", "metrics"]


# --------------------------------------------------------------------------- pay gain


@pytest.mark.parametrize(
    ("current_pay", "target_pay", "gain"),
    [
        (pay(40000, 50000), pay(50000, 60000), 10000),
        (pay(50000, 60000), pay(40000, 50000), -10000),
        # An hourly range is compared per year (2080 hours).
        (pay(40000, 50000), pay(20, 30, period="hour"), 52000 - 45000),
        (pay(40000, 50000), None, None),
        (None, pay(40000, 50000), None),
        (pay(40000, 50000), pay(40000, 50000, currency="EUR"), None),
    ],
)
def test_pay_gain_only_when_both_ranges_are_published(
    current_pay: PayRange | None, target_pay: PayRange | None, gain: float | None
) -> None:
    here = role("here", {}, ("there",), current_pay)
    there = role("there", {}, (), target_pay)
    item = advisor.readiness_for(there, answers(), catalog(here, there), current=here, distance=1)
    if gain is None:
        assert item.pay_gain is None
    else:
        assert item.pay_gain == pytest.approx(gain)


# --------------------------------------------------------------------------- ranking


def item(rid: str, score: float, gain: float | None = None, distance: int = 1) -> Readiness:
    return Readiness(
        role=role(rid),
        score=score,
        band=advisor.band_for(score),
        met=0,
        required=0,
        gaps=(),
        pay_gain=gain,
        distance=distance,
    )


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(
            [item("a", 0.7, gain=90000, distance=1), item("b", 0.8, gain=None, distance=3)],
            ["b", "a"],
            id="readiness first",
        ),
        pytest.param(
            [item("a", 0.8, gain=1000), item("b", 0.8, gain=5000)],
            ["b", "a"],
            id="then larger pay gain",
        ),
        pytest.param(
            [item("a", 0.8, gain=-2000), item("b", 0.8, gain=500)],
            ["b", "a"],
            id="a pay cut ranks below a raise",
        ),
        pytest.param(
            [item("a", 0.8, distance=2), item("b", 0.8, distance=1)],
            ["b", "a"],
            id="no pay published: nearer first",
        ),
        pytest.param(
            [item("a", 0.8, gain=3000, distance=2), item("b", 0.8, gain=3000, distance=1)],
            ["b", "a"],
            id="same pay gain: nearer first",
        ),
        pytest.param(
            [item("a", 0.8), item("b", 0.8), item("c", 0.8)],
            ["a", "b", "c"],
            id="all equal: catalogue order",
        ),
        pytest.param(
            [item("c", 0.8), item("a", 0.8), item("b", 0.8)],
            ["c", "a", "b"],
            id="all equal: catalogue order is the order given",
        ),
        pytest.param(
            # 0.1 * 3 is 0.30000000000000004: the same readiness, so pay decides.
            [item("a", 0.1 * 3, gain=100), item("b", 0.3, gain=900)],
            ["b", "a"],
            id="float noise is not a difference",
        ),
    ],
)
def test_rank_tie_breaks(items: list[Readiness], expected: list[str]) -> None:
    assert [r.role.id for r in advisor.rank(items)] == expected


# --------------------------------------------------------------------------- advise


def track_catalog() -> Catalog:
    """start -> (near-a, near-b); near-a -> far; elsewhere is not on start's track."""
    return catalog(
        role("start", {"empathy": 1}, ("near-a", "near-b")),
        role("near-a", {"empathy": 3, "coaching": 3}, ("far",)),
        role("near-b", {"empathy": 2, "coaching": 3}),
        role("far", {"empathy": 1}),
        role("elsewhere", {}),
    )


def test_advise_from_current_role_considers_only_reachable_roles() -> None:
    cat = track_catalog()
    advice = advisor.advise(answers("start", empathy=2, coaching=2), cat)
    assert advice.current is not None
    assert advice.current.id == "start"
    ids = [r.role.id for r in advice.ranking]
    assert sorted(ids) == ["far", "near-a", "near-b"]
    assert {r.role.id: r.distance for r in advice.ranking} == {"near-a": 1, "near-b": 1, "far": 2}
    # "far" is the most ready (100%), but it is two steps away; the suggestion is one step.
    assert ids[0] == "far"
    assert advice.suggestion is not None
    assert advice.suggestion.role.id == "near-b"
    assert advice.target is not None
    assert advice.target.id == "near-b"


def test_advise_from_top_of_track_has_no_ranking_and_no_suggestion() -> None:
    cat = track_catalog()
    advice = advisor.advise(answers("far", empathy=5), cat)
    assert advice.ranking == ()
    assert advice.suggestion is None
    assert advice.target is None


def test_advise_without_current_role_considers_every_role() -> None:
    cat = track_catalog()
    advice = advisor.advise(answers(None, empathy=2, coaching=3), cat)
    assert advice.current is None
    assert sorted(r.role.id for r in advice.ranking) == sorted(r.id for r in cat.roles)
    assert all(r.distance == 0 for r in advice.ranking)
    assert all(r.pay_gain is None for r in advice.ranking)
    assert advice.suggestion is advice.ranking[0]
    # Ties at 100% (start, near-b, far, elsewhere) are broken by catalogue order.
    assert [r.role.id for r in advice.ranking] == ["start", "near-b", "far", "elsewhere", "near-a"]


def test_advise_suggestion_prefers_larger_pay_gain_among_equally_ready_next_roles() -> None:
    cat = catalog(
        role("start", {}, ("low-pay", "high-pay"), pay(30000, 40000)),
        role("low-pay", {"empathy": 2}, (), pay(36000, 40000)),
        role("high-pay", {"empathy": 2}, (), pay(50000, 60000)),
    )
    advice = advisor.advise(answers("start", empathy=2), cat)
    assert [r.role.id for r in advice.ranking] == ["high-pay", "low-pay"]
    assert advice.suggestion is not None
    assert advice.suggestion.role.id == "high-pay"
    assert advice.suggestion.pay_gain == pytest.approx(20000)


def test_advise_breaks_full_ties_by_catalogue_order_not_track_order() -> None:
    # "start" lists its next roles as (second, first), but the catalogue has first before
    # second. Equally ready, no pay, same distance: catalogue order decides.
    cat = catalog(
        role("start", {}, ("second", "first")),
        role("first", {"empathy": 2}),
        role("second", {"empathy": 2}),
    )
    advice = advisor.advise(answers("start", empathy=1), cat)
    assert [r.role.id for r in advice.ranking] == ["first", "second"]
    assert advice.suggestion is not None
    assert advice.suggestion.role.id == "first"


# --------------------------------------------------------------------------- reason


def test_reason_names_met_count_and_two_biggest_gaps() -> None:
    ids = (*(f"skill-{i}" for i in range(1, 10)), "coaching", "data-literacy", "metrics")
    required = {f"skill-{i}": 2 for i in range(1, 10)} | {"coaching": 4, "data-literacy": 3}
    target = role("lead", required)
    ratings = {f"skill-{i}": 3 for i in range(1, 10)} | {"coaching": 2, "data-literacy": 2}
    item = advisor.readiness_for(target, Answers(None, ratings), catalog(target, skill_ids=ids))
    assert advisor.reason(item) == (
        "meets 9 of 11 requirements; biggest gaps: coaching 2->4, data literacy 2->3"
    )


def test_reason_shows_at_most_two_gaps() -> None:
    target = role("target", {"empathy": 5, "metrics": 4, "coaching": 3})
    item = advisor.readiness_for(target, answers(empathy=1, metrics=1, coaching=1), catalog(target))
    assert advisor.reason(item) == (
        "meets 0 of 3 requirements; biggest gaps: empathy 1->5, metrics 1->4"
    )


def test_reason_with_one_gap_is_singular() -> None:
    target = role("target", {"empathy": 2, "metrics": 3})
    item = advisor.readiness_for(target, answers(empathy=2, metrics=1), catalog(target))
    assert advisor.reason(item) == "meets 1 of 2 requirements; biggest gap: metrics 1->3"


# --------------------------------------------------------------------------- steps


def test_steps_from_pay_change_and_raised_skills() -> None:
    cat = catalog(
        role("start", {"empathy": 2, "metrics": 3}, ("paid", "unpaid"), pay(40000, 50000)),
        role("paid", {"empathy": 3, "metrics": 3, "coaching": 1}, (), pay(44000, 56000)),
        role("unpaid", {"empathy": 1, "metrics": 4}),
    )
    steps = advisor.steps_from(cat.role_by_id["start"], cat)
    assert [s.role.id for s in steps] == ["paid", "unpaid"]
    paid, unpaid = steps
    assert paid.pay_change == pytest.approx(5000)
    assert [(s.id, now, need) for s, now, need in paid.raised] == [
        ("empathy", 2, 3),
        ("coaching", 0, 1),
    ]
    assert unpaid.pay_change is None
    assert [(s.id, now, need) for s, now, need in unpaid.raised] == [("metrics", 3, 4)]


def test_steps_from_top_of_track_is_empty() -> None:
    cat = track_catalog()
    assert advisor.steps_from(cat.role_by_id["far"], cat) == []


# --------------------------------------------------------------------------- result


def test_result_top_gaps_carry_growth_actions_and_next_level() -> None:
    cat = Catalog(
        roles=(
            role("start", {}, ("next-up",)),
            role("next-up", {"empathy": 4, "metrics": 2}),
        ),
        skills=(
            skill("empathy", growth=("listen in on calls", "role-play")),
            skill("metrics", growth=("read the dashboard",)),
        ),
    )
    out = assessment.result(Answers("start", {"empathy": 2, "metrics": 2}), cat).doc()
    assert out["suggestion"]["role"] == "next-up"
    assert out["suggestion"]["readiness"] == 67
    assert out["suggestion"]["band"] == "stretch"
    assert out["top_gaps"] == [
        {
            "skill": "empathy",
            "name": "Empathy",
            "rating": 2,
            "required": 4,
            "gap": 2,
            "next_level": "empathy level 3",
            "growth": ["listen in on calls", "role-play"],
        }
    ]
    assert [(p["skill"], p["rating"], p["required"]) for p in out["profile"]] == [
        ("empathy", 2, 4),
        ("metrics", 2, 2),
    ]


@pytest.mark.parametrize(
    ("ratings", "same"),
    [
        ({"a": 3, "b": 3, "c": 3}, True),
        ({"a": 1, "b": 1}, True),
        ({"a": 3, "b": 3, "c": 4}, False),
        ({"a": 5}, False),  # one skill says nothing about sameness
    ],
)
def test_all_same(ratings: dict[str, int], same: bool) -> None:
    assert assessment.all_same(Answers(None, ratings)) is same
