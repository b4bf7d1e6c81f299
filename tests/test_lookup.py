"""The one name index: roles, skills and locations by name, and "did you mean"."""

from __future__ import annotations

from typing import Any

import pytest

from csadvisor.core.lookup import LocationIndex, NameIndex, RoleIndex, SkillIndex, normalize
from csadvisor.core.models import Catalog, Location, Role, Skill


def role(rid: str, title: str, *aliases: str) -> Role:
    return Role(rid, title, 1, "s", (), aliases, (), {}, None)


CATALOG = Catalog(
    (
        role("customer-service-manager", "Customer service manager", "CS boss"),
        role("customer-service-agent", "Customer Service Agent", "Support rep"),
    ),
    (Skill("empathy", "Empathy", "soft", "d", ("1", "2", "3", "4", "5"), ()),),
)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Custmer service manger", "Customer service manager"),  # a title for a title
        ("custmer-service-manager", "customer-service-manager"),  # an id for an id
        ("Suport rep", "Support rep"),  # an alias for an alias
    ],
)
def test_did_you_mean_names_the_form_the_user_typed(typed: str, suggested: str) -> None:
    assert RoleIndex(CATALOG).suggest(typed)[0] == suggested


def test_pay_suggests_the_title_for_a_misspelt_title(invoke: Any) -> None:
    result = invoke("pay", "Custmer service manger")
    assert result.exit_code == 1
    assert "did you mean 'Customer service manager'" in result.stderr


def test_names_match_in_any_case_and_spacing() -> None:
    index = RoleIndex(CATALOG)
    assert index.find("  cs   BOSS ") is CATALOG.roles[0]
    assert SkillIndex(CATALOG).find("EMPATHY") is CATALOG.skills[0]
    place = Location("Springfield", 1.1, "src", 2024)
    assert LocationIndex([place]).find("springfield") is place
    assert normalize(" A  b ") == "a b"


def test_the_first_item_to_claim_a_name_keeps_it() -> None:
    index = NameIndex([("one", ["same"]), ("two", ["same", "other"])])
    assert index.find("SAME") == "one"
    assert index.suggest("othr") == ["other"]
