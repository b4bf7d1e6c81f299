"""Tab completion in the real shells, with a data folder written by an attacker.

Titles, aliases, skill names, location names and saved assessments hold shell syntax
(``\\$(touch X)``, ``$(touch X)``, backticks, ``; touch X``, ``/*``, quotes, spaces).
Each test types into a real bash or zsh in a terminal, presses Tab, then runs the
completed line through ``printf`` so the shell itself shows the words it would pass:
every candidate must arrive as one word with its exact text, and no ``X`` may appear.
fish is driven through ``complete -C``, its own completion engine.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from csadvisor.cli.shells import bash_word, offerable

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
TIMEOUT = 20
PROMPT = "READY> "

TITLES = [
    "Call center \\$(touch X)",
    "Dollar $(touch X) desk",
    "Backtick `touch X` desk",
    "Semicolon; touch X",
    "Quote \"double\" and 'single': %F{red}colon",
    "Glob /* and ~ desk",
]
ALIAS = "Alias \\$(touch X)"
SKILL_NAME = "Empathy \\$(touch X) `touch X`"
PLACES = ["Santa Fe", "Springfield; touch X", "/*", "Back\\slash $(touch X)", "Wow!! place"]
# History ids are refused unless plain (history validates saved files); the role title is free text.
SAVED_ID = "h20260101T000000"
SAVED_ROLE = "\\$(touch X)"
JSON = ["-f", "json"]


def needs(shell: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(shell) is None, reason=f"{shell} is not installed")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a person whose data folder and history an attacker wrote."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    data = tmp_path / "data"
    env = {
        "PATH": f"{BIN}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(tmp_path),
        "TERM": "dumb",
        "INPUTRC": "/dev/null",
        "LANG": "C.UTF-8",
        "CSADVISOR_DATA_DIR": str(data),
        "CSADVISOR_HOME": str(tmp_path / "home"),
        "CSADVISOR_CACHE_DIR": str(tmp_path / "cache"),
    }
    init = subprocess.run(
        [str(BIN / "csadvisor"), "data", "init", str(data)],
        env={k: v for k, v in env.items() if k != "CSADVISOR_DATA_DIR"},
        capture_output=True,
    )
    assert init.returncode == 0, init.stderr
    roles = yaml.safe_load((data / "roles.yaml").read_text(encoding="utf-8"))
    for role, title in zip(roles["roles"], TITLES, strict=True):
        role["title"], role["aliases"] = title, []
    roles["roles"][0]["aliases"] = [ALIAS]
    (data / "roles.yaml").write_text(yaml.safe_dump(roles, sort_keys=False), encoding="utf-8")
    skills = yaml.safe_load((data / "skills.yaml").read_text(encoding="utf-8"))
    skills["skills"][0]["name"] = SKILL_NAME
    (data / "skills.yaml").write_text(yaml.safe_dump(skills, sort_keys=False), encoding="utf-8")
    places = [{"name": n, "factor": 1.0, "source": "Example survey", "year": 2026} for n in PLACES]
    (data / "locations.yaml").write_text(yaml.safe_dump({"locations": places}), encoding="utf-8")
    valid = subprocess.run(
        [str(BIN / "csadvisor"), "data", "validate"], env=env, capture_output=True, text=True
    )
    assert valid.returncode == 0, valid.stderr  # valid-looking data, as an attacker would write
    saved = tmp_path / "home" / "assessments"
    saved.mkdir(parents=True)
    made = subprocess.run(
        [str(BIN / "csadvisor"), "assess", "--answers", "-", "--missing", "3", "--no-save", *JSON],
        input=json.dumps({"role": "call-center-specialist", "skills": {}}),
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    doc = json.loads(made.stdout)
    doc.update(id=SAVED_ID, role_title=SAVED_ROLE)
    (saved / "hostile.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "work").mkdir()
    return env


@pytest.fixture(scope="module")
def root(hostile: dict[str, str]) -> Path:
    """Where the hostile world lives; the shells run in its ``work`` folder."""
    return Path(hostile["HOME"])


def nothing_ran(tmp_path: Path) -> bool:
    return not any(tmp_path.rglob("X"))


def script(env: dict[str, str], shell: str, tmp_path: Path) -> Path:
    """The completion script exactly as csadvisor prints it for the shell."""
    out = subprocess.run(
        [str(BIN / "csadvisor")],
        env={**env, "_CSADVISOR_COMPLETE": f"source_{shell}"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = tmp_path / f"completion.{shell}"
    path.write_text(out, encoding="utf-8")
    return path


class Terminal:
    """An interactive bash or zsh in a pseudo-terminal with csadvisor's completion loaded."""

    def __init__(self, shell: str, env: dict[str, str], tmp_path: Path) -> None:
        path = script(env, shell, tmp_path)
        if shell == "bash":
            argv, setup = ["--norc", "--noprofile", "-i"], f"source {path}"
        else:
            argv, setup = ["-f", "-i"], f"autoload -Uz compinit; compinit -u -D; source {path}"
        self.child = pexpect.spawn(
            shell,
            argv,
            env=env,
            cwd=str(tmp_path / "work"),  # where `touch X` would land
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(50, 400),
        )
        # Quoted apart so that the echo of this line is not taken for the prompt.
        self.child.sendline(f"PS1='REA''DY> '; {setup}")
        self.child.expect_exact(PROMPT)

    def words_after_tab(self, typed: str) -> list[str]:
        """Type, press Tab, then run the line as ``printf 'W<%s>\\n' LINE``."""
        self.child.send(typed + "\t")
        self.child.send("\x01printf 'W<%s>\\n' \r")
        self.child.expect(r"W<csadvisor>\r\n")
        self.child.expect_exact(PROMPT)
        return re.findall(r"^W<(.*)>\r$", self.child.before, flags=re.M)

    def listing(self, typed: str) -> str:
        """What the shell lists after two Tabs, then the line is dropped (Ctrl-C)."""
        self.child.send(typed + "\t\t")
        self.child.send("\x03")
        self.child.expect_exact(PROMPT)
        return str(self.child.before)

    def close(self) -> None:
        self.child.sendline("exit")
        self.child.expect(pexpect.EOF)


@pytest.fixture(
    scope="module",
    params=[pytest.param("bash", marks=needs("bash")), pytest.param("zsh", marks=needs("zsh"))],
)
def terminal(
    request: pytest.FixtureRequest, hostile: dict[str, str], root: Path
) -> Iterator[Terminal]:
    term = Terminal(request.param, hostile, root)
    yield term
    term.close()


# Typed before Tab, and the words the shell then passes (after "csadvisor").
ONE_WORD = [
    ("csadvisor role Call\\ c", ["role", TITLES[0]]),
    ("csadvisor role dollar", ["role", TITLES[1]]),
    ("csadvisor role Backtick", ["role", TITLES[2]]),
    ("csadvisor role semi", ["role", TITLES[3]]),
    ("csadvisor role Quote", ["role", TITLES[4]]),
    ("csadvisor role Glob", ["role", TITLES[5]]),
    ("csadvisor role alias", ["role", ALIAS]),
    ('csadvisor role "Dollar', ["role", TITLES[1]]),
    ("csadvisor role 'Quote", ["role", TITLES[4]]),
    ("csadvisor role CUSTOMER-SERVICE-M", ["role", "customer-service-manager"]),
    ("csadvisor skill EMP", ["skill", "empathy"]),
    (
        "csadvisor pay account-manager --location santa",
        ["pay", "account-manager", "--location", PLACES[0]],
    ),
    (
        "csadvisor pay account-manager --location Spring",
        ["pay", "account-manager", "--location", PLACES[1]],
    ),
    (
        "csadvisor pay account-manager --location /",
        ["pay", "account-manager", "--location", PLACES[2]],
    ),
    (
        "csadvisor pay account-manager --location back",
        ["pay", "account-manager", "--location", PLACES[3]],
    ),
    ("csadvisor history show h", ["history", "show", SAVED_ID]),
    ("csadvisor pay csr --location wow", ["pay", "csr", "--location", PLACES[4]]),
    ('csadvisor pay csr --location "Wow', ["pay", "csr", "--location", PLACES[4]]),
    ("csadvisor pay csr --location 'Wow", ["pay", "csr", "--location", PLACES[4]]),
]


@pytest.mark.parametrize(("typed", "words"), ONE_WORD, ids=[t for t, _ in ONE_WORD])
def test_tab_inserts_one_exact_word_and_runs_nothing(
    terminal: Terminal, root: Path, typed: str, words: list[str]
) -> None:
    assert terminal.words_after_tab(typed) == words
    assert nothing_ran(root)


@needs("zsh")
def test_zsh_lists_descriptions_as_text_and_runs_nothing(
    hostile: dict[str, str], root: Path
) -> None:
    term = Terminal("zsh", hostile, root)
    for typed, shown in [
        ("csadvisor role c", "call-center-specialist          -- Call center \\$(touch X)"),
        ("csadvisor skill ", f" -- {SKILL_NAME}"),
        ("csadvisor role a", f"account-manager    -- {TITLES[4]}"),  # %F{red} shown as is
        ("csadvisor history show ", f"{SAVED_ID}  -- {SAVED_ROLE}"),
    ]:
        term.child.send(typed + "\t")
        term.child.expect_exact(shown)
        term.child.send("\x03")
        term.child.expect_exact(PROMPT)
    term.close()
    assert nothing_ran(root)


@pytest.mark.parametrize(
    ("shell", "common"),
    [
        pytest.param("bash", "customer-", marks=needs("bash")),
        pytest.param("zsh", "Customer", marks=needs("zsh")),
    ],
)
def test_aliases_and_any_case_complete(
    root: Path, hostile: dict[str, str], shell: str, common: str
) -> None:
    """Bundled data: ``csr`` finds the alias CSR; ``Cust`` grows to what the matches share."""
    bundled = {k: v for k, v in hostile.items() if k != "CSADVISOR_DATA_DIR"}
    term = Terminal(shell, bundled, root)  # a fresh terminal: the environment differs
    assert term.words_after_tab("csadvisor role csr") == ["role", "CSR"]
    assert term.words_after_tab("csadvisor role Cust") == ["role", common]
    term.close()


# --------------------------------------------------------------------------- bash, function level


def bash_reply(env: dict[str, str], root: Path, *words: str) -> list[str]:
    """COMPREPLY after the real completion function ran for ``words`` (last one: the cursor's)."""
    path = script(env, "bash", root)
    code = (
        f"source {path}\n"
        f"COMP_WORDS=({' '.join(map(shlex.quote, words))}); COMP_CWORD={len(words) - 1}\n"
        "_csadvisor_completion csadvisor\n"
        "printf 'R<%s>\\n' \"${COMPREPLY[@]}\"\n"
    )
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", code],
        env=env,
        cwd=root / "work",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert out.returncode == 0, out.stderr
    return re.findall(r"^R<(.*)>$", out.stdout, flags=re.M)


@needs("bash")
def test_bash_reply_is_quoted_words_never_split_or_globbed(
    hostile: dict[str, str], root: Path
) -> None:
    assert bash_reply(hostile, root, "csadvisor", "pay", "x", "--location", "S") == [
        "Santa\\ Fe",
        "Springfield\\;\\ touch\\ X",
    ]
    assert bash_reply(hostile, root, "csadvisor", "pay", "x", "--location", "/") == ["/\\*"]
    assert bash_reply(hostile, root, "csadvisor", "role", "Call\\ ") == [
        "Call\\ center\\ \\\\\\$\\(touch\\ X\\)"
    ]
    assert nothing_ran(root)


@needs("bash")
def test_bash_offers_ids_first_and_names_once_a_space_is_typed(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "CSADVISOR_CACHE_DIR": str(tmp_path)}
    (tmp_path / "work").mkdir()
    assert bash_reply(env, tmp_path, "csadvisor", "role", "CUST") == [
        "customer-service-specialist",
        "customer-experience-specialist",
        "customer-service-manager",
    ]
    assert "Customer\\ Service\\ Representative" in bash_reply(
        env, tmp_path, "csadvisor", "role", "customer\\ s"
    )


# --------------------------------------------------------------------------- zsh, function level


@needs("zsh")
def test_zsh_gives_compadd_the_exact_values_and_descriptions(
    hostile: dict[str, str], root: Path
) -> None:
    """compadd stubbed to print its arrays: the values arrive unevaluated, one per element."""
    path = script(hostile, "zsh", root)
    code = (
        "compdef() { : }\n"
        "_files() { print FILES }\n"
        "compadd() {\n"
        '  local -a a=("$@"); local i\n'
        "  for (( i = 1; i < $#a; i++ )); do\n"
        "    [[ $a[i] == -a ]] && printf 'V<%s>\\n' \"${(@P)a[i+1]}\"\n"
        "    [[ $a[i] == -d ]] && printf 'D<%s>\\n' \"${(@P)a[i+1]}\"\n"
        "  done\n"
        "}\n"
        f"source {path}\n"
        "words=(csadvisor role c); CURRENT=3; _csadvisor_completion\n"
        "words=(csadvisor role zzz); CURRENT=3; _csadvisor_completion\n"
    )
    out = subprocess.run(
        ["zsh", "-f", "-c", code],
        env=hostile,
        cwd=root / "work",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert out.returncode == 0, out.stderr
    values = re.findall(r"^V<(.*)>$", out.stdout, flags=re.M)
    displays = re.findall(r"^D<(.*)>$", out.stdout, flags=re.M)
    assert values == [
        "call-center-specialist",
        "customer-service-specialist",
        "customer-experience-specialist",
        "customer-service-manager",
        TITLES[0],
    ]
    assert displays[0].split("  -- ") == [f"{values[0]:30}", TITLES[0]]
    assert displays[-1].split("  -- ") == [f"{TITLES[0]:30}", "call-center-specialist"]
    assert out.stdout.rstrip().endswith("FILES")  # nothing matches: files, as Typer does
    assert nothing_ran(root)


# --------------------------------------------------------------------------- fish


@needs("fish")
def test_fish_candidates_are_exact_and_nothing_runs(hostile: dict[str, str], root: Path) -> None:
    path = script(hostile, "fish", root)
    code = (
        f"source {path}\n"
        "complete -C 'csadvisor role Call'; echo ---\n"
        "complete -C 'csadvisor role cs'; echo ---\n"
        "complete -C 'csadvisor pay x --location s'; echo ---\n"
        "complete -C 'csadvisor skill emp'; echo ---\n"
        "complete -C 'csadvisor history show h'\n"
    )
    out = subprocess.run(
        ["fish", "--no-config", "-c", code],
        env=hostile,
        cwd=root / "work",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert out.returncode == 0, out.stderr
    blocks = [[ln for ln in b.split("\n") if ln] for b in out.stdout.split("---\n")]
    assert blocks[0] == [f"{TITLES[0]}\tcall-center-specialist"]
    assert blocks[1] == []  # no role id or name starts with cs in this folder
    assert blocks[2] == [f"{PLACES[0]}\tx1", f"{PLACES[1]}\tx1"]
    assert blocks[3] == [f"empathy\t{SKILL_NAME}"]
    assert blocks[4] == [f"{SAVED_ID}\t{SAVED_ROLE}"]
    assert nothing_ran(root)


# --------------------------------------------------------------------------- quoting, in bash

AWKWARD = [
    *TITLES,
    ALIAS,
    SKILL_NAME,
    *PLACES,
    SAVED_ID,
    "a'b",
    'a"b',
    "a'",
    'a"',
    "~x",
    "#x",
    "!x",
    "x!",
    "é ü",
    "\\",
]


def bash_reads(words: list[str], quote: str | None, cwd: Path) -> list[str]:
    """The words bash parses from the line Tab would build, each candidate after ``quote``."""

    def as_inserted(word: str) -> str:  # readline closes the quote unless the word did
        if quote is None:
            return word
        return f"{quote}{word}" + ("" if word.endswith(quote) else quote)

    line = " ".join(as_inserted(bash_word(w, quote)) for w in words)
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"printf '%s\\0' {line}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return out.stdout.split("\0")[:-1]


@needs("bash")
@pytest.mark.parametrize("quote", [None, "'", '"'])
def test_bash_reads_each_quoted_word_back_exactly(tmp_path: Path, quote: str | None) -> None:
    assert bash_reads(AWKWARD, quote, tmp_path) == AWKWARD
    assert nothing_ran(tmp_path)


# Any text a data file may hold in a name: printable, no control characters.
NAMES = st.text(
    st.one_of(
        st.sampled_from(" !\"#$%&'()*;<>?[\\]^`{|}~:=@/-"),  # what shells give meaning to
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    ),
    min_size=1,
)


@needs("bash")
@settings(max_examples=100, deadline=None)
@given(words=st.lists(NAMES, min_size=1, max_size=8), quote=st.sampled_from([None, "'", '"']))
def test_bash_reads_any_name_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, words: list[str], quote: str | None
) -> None:
    words = [w for w in words if offerable(w)] or ["x"]
    cwd = tmp_path_factory.mktemp("quoting")
    (cwd / "a glob would find me").touch()
    assert bash_reads(words, quote, cwd) == words
    assert nothing_ran(cwd)
