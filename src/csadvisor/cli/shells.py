"""Shell completion that no data file can turn into shell code.

Role titles, skill names, location names and saved assessments are untrusted text, and
completion hands them to a shell. Typer's scripts let the shell evaluate them: zsh runs
``eval`` on the candidates (a title ``Call center \\$(touch X)`` runs ``touch X`` on Tab)
and bash splits and glob-expands them (``Santa Fe`` becomes two words, ``/*`` a file list).

So csadvisor owns both ends of the exchange. The scripts below never evaluate what the
program prints: bash reads one line per candidate with ``mapfile`` (no splitting, no
globbing), zsh reads the lines into arrays and hands them to ``compadd``, which quotes
what it inserts, and fish takes each line as one candidate. The program prints each
candidate so that the shell inserts it as exactly one word: bash gets it quoted as
``printf %q`` would, or for the quote the person opened; candidates that no line protocol
can carry (control characters) are not offered, and descriptions lose theirs.

``register()`` installs these in place of Typer's classes and scripts, for completion
itself and for ``--show-completion`` / ``--install-completion``.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, cast

from typer._completion_classes import BashComplete, FishComplete, ZshComplete

from csadvisor.errors import CONTROL_CHARS

if TYPE_CHECKING:  # Click's, as Typer bundles it
    from typer._click.shell_completion import CompletionItem, ShellComplete

BASH_SCRIPT = r"""
%(complete_func)s() {
    local IFS=$'\n'
    local out
    out=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
          %(autocomplete_var)s=complete_bash "$1" 2>/dev/null) || return 0
    COMPREPLY=()
    if [[ -n $out ]]; then
        mapfile -t COMPREPLY <<< "$out"
    fi
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s
"""

ZSH_SCRIPT = r"""
#compdef %(prog_name)s

%(complete_func)s() {
  local out line i width=0
  local -a values descriptions displays
  out="$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \
        %(autocomplete_var)s=complete_zsh %(prog_name)s 2>/dev/null)" || return 1
  if [[ -z $out ]]; then
    _files
    return
  fi
  for line in "${(@f)out}"; do
    [[ -n $line ]] || continue
    values+=( "${line%%%%$'\t'*}" )
    if [[ $line == *$'\t'* ]]; then
      descriptions+=( "${line#*$'\t'}" )
    else
      descriptions+=( "" )
    fi
    if (( ${#values[-1]} > width )); then
      width=${#values[-1]}
    fi
  done
  for (( i = 1; i <= ${#values}; i++ )); do
    if [[ -n ${descriptions[i]} ]]; then
      displays+=( "${(r:width:)values[i]}  -- ${descriptions[i]}" )
    else
      displays+=( "${values[i]}" )
    fi
  done
  compadd -V %(complete_func)s -M 'm:{[:lower:][:upper:]}={[:upper:][:lower:]}' \
    -l -d displays -a values
}

compdef %(complete_func)s %(prog_name)s
"""

FISH_SCRIPT = (
    "complete --command %(prog_name)s --no-files "
    '--arguments "(env %(autocomplete_var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s)" '
    '--condition "env %(autocomplete_var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s"'
)

# Patterns, compiled by ``re`` when first used: every start imports this module (to
# register completion), and only a completion request needs them.
# What bash reads as itself outside quotes; everything else gets a backslash.
_BASH_PLAIN = r"[\w@%+,./-]"  # \w: letters and digits of any script, and _
_DQ_SPECIAL = r'([\\$`"])'


class MalformedRequest(Exception):
    """The completion environment is not what the shell scripts set: answer nothing."""


def bash_word(value: str, quote: str | None = None) -> str:
    """``value`` as bash must read it to get exactly one word with that text.

    ``quote`` is the quote the person opened before pressing Tab, or None for a bare
    word. Readline inserts the candidate after that quote and adds the closing one,
    unless the candidate already ends with it.
    """
    if quote in ("'", '"'):
        if quote == "'":
            word = value.replace("'", "'\\''")
        else:  # history expansion sees ! even between double quotes: step out for it
            word = re.sub(_DQ_SPECIAL, r"\\\1", value).replace("!", '"\\!"')
        # Readline closes the quote unless the word already ends with that character.
        return word + quote if word.endswith(quote) else word
    return "".join(ch if re.fullmatch(_BASH_PLAIN, ch) else "\\" + ch for ch in value)


def one_line(text: str) -> str:
    """A description: control characters (tab, newline, escapes) become spaces."""
    return re.sub(CONTROL_CHARS, " ", text)


def offerable(value: str) -> bool:
    """A candidate the line protocols can carry whole: non-empty, no control characters."""
    return bool(value) and re.search(CONTROL_CHARS, value) is None


def split_command_line(text: str) -> tuple[list[str], str, str | None]:
    """Words before the cursor, the word being completed, and the quote left open in it.

    As the shell would read them (``Santa\\ F`` and ``"Santa F`` are one word,
    ``Santa F``). A NUL appended to the text shows whether the last word is complete:
    it joins an unfinished word, or stands alone after a space.
    """
    import shlex

    lex = shlex.shlex(text + "\0", posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    words: list[str] = []
    quote: str | None = None
    try:
        words.extend(lex)
    except ValueError:  # an unclosed quote or a trailing backslash: keep the partial word
        state = getattr(lex, "state", None)  # shlex keeps the open quote here
        quote = state if state in ("'", '"') else None
        words.append(lex.token)
    last = words.pop() if words else "\0"
    return words, last.removesuffix("\0"), quote


def _debugging() -> bool:
    return bool(os.environ.get("CSADVISOR_DEBUG"))


def matching(
    items: list[CompletionItem], incomplete: str, bash: bool = False
) -> list[CompletionItem]:
    """Candidates that start with the word typed, in any case, each value once.

    In bash a Tab replaces the word with what all candidates share, so names with spaces
    (titles, aliases) would crowd out the ids: bash gets them once the word typed has a
    space (``Customer\\ s``), or when nothing else matches.
    """
    want = incomplete.casefold()
    seen: set[str] = set()
    found = []
    for item in items:
        key = str(item.value).casefold()
        if key.startswith(want) and key not in seen:
            seen.add(key)
            found.append(item)
    if bash and " " not in incomplete:
        return [i for i in found if " " not in str(i.value)] or found
    return found


class _Owned:
    """What every shell shares: matching, and answering nothing to malformed requests."""

    bash = False

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        """As Click does, but csadvisor's callbacks are matched here, in any case.

        Typer keeps only the candidates that start with the word typed, case and all
        (``Cust`` finds nothing); so the callbacks are asked for every candidate and
        ``matching`` chooses.
        """
        from typer._click.shell_completion import _resolve_context, _resolve_incomplete

        comp = cast("ShellComplete", self)  # a mixin of one of Click's shells
        ctx = _resolve_context(comp.cli, comp.ctx_args, comp.prog_name, args)
        obj, incomplete = _resolve_incomplete(ctx, args, incomplete)
        if getattr(obj, "_custom_shell_complete", None) is None:
            return list(obj.shell_complete(ctx, incomplete))
        return matching(list(obj.shell_complete(ctx, "")), incomplete, self.bash)

    def candidates(self) -> list[CompletionItem]:
        comp = cast("ShellComplete", self)
        try:
            args, incomplete = comp.get_completion_args()
            return list(comp.get_completions(args, incomplete))
        except MalformedRequest:
            return []
        except Exception:
            if _debugging():
                raise
            return []

    def answer(self, lines: list[str]) -> str:
        """The lines for the shell; with none, exit at once so not even a newline is printed."""
        if not lines:
            sys.stdout.flush()
            raise SystemExit(0)
        return "\n".join(lines)


class SafeBashComplete(_Owned, BashComplete):
    """Bash: one escaped word per line, read by ``mapfile`` (no splitting, no globbing)."""

    source_template = BASH_SCRIPT
    quote: str | None = None
    bash = True

    def get_completion_args(self) -> tuple[list[str], str]:
        words = os.environ.get("COMP_WORDS")
        cword = os.environ.get("COMP_CWORD", "")
        if words is None or not cword.isdigit():
            raise MalformedRequest
        index = int(cword)
        # The script joins the words with newlines; a hand-made request may use spaces.
        raw = words.split("\n") if "\n" in words else words.split(" ")
        before, current, self.quote = split_command_line(" ".join([*raw[:index], ""]))
        if index < len(raw):
            _, current, self.quote = split_command_line(raw[index])
        if not before:
            raise MalformedRequest
        return before[1:], current

    def format_completion(self, item: CompletionItem) -> str:
        return bash_word(str(item.value), self.quote)

    def complete(self) -> str:
        items = [i for i in self.candidates() if offerable(str(i.value))]
        return self.answer([self.format_completion(i) for i in items])


class _ArgsFromLine:
    """zsh and fish send the command line up to the cursor in ``_TYPER_COMPLETE_ARGS``."""

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("_TYPER_COMPLETE_ARGS")
        if line is None:
            raise MalformedRequest
        before, current, _ = split_command_line(line)
        return before[1:], current


def _value_and_description(item: CompletionItem) -> str:
    help_ = one_line(str(item.help or "")).strip()
    return f"{item.value}\t{help_}" if help_ else str(item.value)


class SafeZshComplete(_ArgsFromLine, _Owned, ZshComplete):
    """zsh: ``value<TAB>description`` lines, put into arrays and given to ``compadd``."""

    source_template = ZSH_SCRIPT

    def format_completion(self, item: CompletionItem) -> str:
        return _value_and_description(item)

    def complete(self) -> str:
        items = [i for i in self.candidates() if offerable(str(i.value))]
        return self.answer([self.format_completion(i) for i in items])


class SafeFishComplete(_ArgsFromLine, _Owned, FishComplete):
    """fish: ``value<TAB>description`` lines; fish quotes what it inserts."""

    source_template = FISH_SCRIPT

    def format_completion(self, item: CompletionItem) -> str:
        return _value_and_description(item)

    def complete(self) -> str:
        action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        lines = [self.format_completion(i) for i in self.candidates() if offerable(str(i.value))]
        if action == "is-args":
            raise SystemExit(0 if lines else 1)  # 1: nothing to offer, fish offers files
        return self.answer(lines if action == "get-args" else [])


SCRIPTS = {"bash": BASH_SCRIPT, "zsh": ZSH_SCRIPT, "fish": FISH_SCRIPT}


def register() -> None:
    """Use csadvisor's classes and scripts instead of Typer's, for bash, zsh and fish.

    Called after Typer has registered its own (it does so while building the command).
    """
    from typer import _completion_shared
    from typer._click.shell_completion import add_completion_class

    add_completion_class(SafeBashComplete, "bash")
    add_completion_class(SafeZshComplete, "zsh")
    add_completion_class(SafeFishComplete, "fish")
    _completion_shared._completion_scripts.update(SCRIPTS)
