"""Organisations' own data: validate, schema, init, path."""

import sys
from enum import Enum
from functools import partial
from typing import Annotated

import typer

from csadvisor.cli.options import FormatOption, HeaderOption, application, command_app, examples
from csadvisor.cli.output import View, emit
from csadvisor.errors import ExitCode, UsageError, escape_control

app = command_app()

# --------------------------------------------------------------------------- data

data_app = command_app(
    help="Your organisation's own data: check it, start it, see which files are in use.",
    no_args_is_help=True,
)
app.add_typer(data_app, name="data")


class SchemaKind(str, Enum):
    roles = "roles"
    skills = "skills"
    locations = "locations"
    answers = "answers"


@data_app.command(
    "validate",
    epilog=examples("csadvisor data validate ./ladder", "csadvisor data validate && echo ok"),
)
def data_validate(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(metavar="[DIR]", help="Data directory; default: the data in use."),
    ] = None,
) -> None:
    """Check roles.yaml, skills.yaml, locations.yaml and the BLS CSV files; report every problem.

    The BLS CSV files are checked too, DIR's own or the bundled ones it falls back to.

    Each problem is printed on stdout as file:line: field.path: message.

    Exit code 3 if there are any, 0 if none.
    """
    from csadvisor.storage import catalog

    source = catalog.resolve_source(directory or application(ctx).data_dir)
    problems = catalog.check_directory(source)
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    where = "the bundled data" if source.bundled else str(source.directory)
    if problems:
        application(ctx).warn(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {where}"
        )
        raise typer.Exit(int(ExitCode.DATA))
    application(ctx).warn(f"{where}: no problems found")


@data_app.command(
    "schema",
    epilog=examples(
        "csadvisor data schema roles > roles.schema.json",
        "csadvisor data schema > csadvisor.schema.json",
    ),
)
def data_schema(
    kind_name: Annotated[
        str | None,
        typer.Argument(
            metavar="[KIND]",
            help="roles, skills, locations or answers; default: one schema that accepts any "
            "of the data files.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files, for editors that check YAML as you type.

    Put this line at the top of a file to use it with the YAML language server:
    # yaml-language-server: $schema=roles.schema.json
    """
    from csadvisor.cli.output import write_json
    from csadvisor.storage import specs as shapes

    kinds = [k.value for k in SchemaKind]
    if kind_name is not None and kind_name.casefold() not in kinds:
        raise UsageError(
            f"no schema '{escape_control(kind_name)}'; use one of {', '.join(kinds)} "
            "(see 'csadvisor data schema --help')"
        )
    kind = None if kind_name is None else SchemaKind(kind_name.casefold())

    specs = {
        "roles": shapes.ROLES_FILE,
        "skills": shapes.SKILLS_FILE,
        "locations": shapes.LOCATIONS_FILE,
        "answers": shapes.ANSWERS_FILE,
    }
    from csadvisor.storage.jsonschema import describe

    base = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if kind is not None:
        doc = {
            **base,
            "$id": f"csadvisor-{kind.value}.schema.json",
            **describe(specs[kind.value]),
        }
    else:
        doc = {
            **base,
            "$id": "csadvisor.schema.json",
            "title": "csadvisor data file",
            "oneOf": [describe(specs[k]) for k in ("roles", "skills", "locations")],
        }
    write_json(doc, sys.stdout)


@data_app.command(
    "init", epilog=examples("csadvisor data init ./ladder", "csadvisor --data-dir ./ladder roles")
)
def data_init(
    ctx: typer.Context,
    directory: Annotated[str, typer.Argument(metavar="DIR", help="Where to write the files.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a copy of the data in use (normally the bundled files) to DIR to start from."""
    from pathlib import Path

    from csadvisor.storage import catalog
    from csadvisor.storage.files import atomic_write_text

    source = application(ctx).source
    catalog.load_documents(source)  # never copy data that does not validate
    target = Path(directory)
    names = [catalog.ROLES_FILE, catalog.SKILLS_FILE, catalog.LOCATIONS_FILE]
    has_locations = source.file(catalog.LOCATIONS_FILE).exists()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    existing = [n for n in names if (target / n).exists()]
    if existing and not force:
        raise UsageError(
            f"{', '.join(str(target / n) for n in existing)} "
            f"{'already exists' if len(existing) == 1 else 'already exist'}; "
            "pass --force to overwrite"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            if name == catalog.LOCATIONS_FILE and not has_locations:
                text = LOCATIONS_EXAMPLE
            else:
                text = catalog.read_text(source.file(name), source.label(name))
            atomic_write_text(target / name, text, mode=None)  # as the umask says
    except OSError as exc:
        raise UsageError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    application(ctx).warn(
        f"wrote {', '.join(names)} to {directory}; use it with --data-dir {directory}"
    )


# What `data init` writes when the data in use has no locations.yaml: no entry, only an
# example in comments, because no published location factors are available to us.
LOCATIONS_EXAMPLE = """\
# Local pay factors for `csadvisor pay ROLE --location NAME`.
# Each entry says how pay in one place compares with the national figures, and where
# that number comes from (it is shown next to every adjusted figure). No factor ships
# with csadvisor: add your own, from a survey you trust, in this shape:
#
# locations:
#   - name: Springfield
#     factor: 1.12            # pay relative to the national figures
#     source: Example Corp pay survey
#     year: 2026
locations: []
"""


@data_app.command(
    "path",
    epilog=examples("csadvisor data path", "CSADVISOR_DATA_DIR=./ladder csadvisor data path"),
)
def data_path(ctx: typer.Context, fmt: FormatOption = None, header: HeaderOption = True) -> None:
    """Show which data files are in use, and why (option, environment variable or bundled)."""
    from csadvisor.cli import records
    from csadvisor.cli.render.tables import path_table
    from csadvisor.errors import escape_control
    from csadvisor.storage import catalog

    source = application(ctx).source
    why = {
        "option": "--data-dir",
        "environment": "CSADVISOR_DATA_DIR",
        "bundled": "bundled with csadvisor",
    }[source.reason]
    rows = []
    for name in (catalog.ROLES_FILE, catalog.SKILLS_FILE, catalog.LOCATIONS_FILE):
        path = source.file(name)
        exists = "yes" if path.is_file() else "no"
        # A file name is not ours: a symlink's target may carry terminal escapes.
        shown = escape_control(str(path.resolve()))
        rows.append(records.PathRow(file=name, path=shown, source=why, exists=exists))
    from csadvisor.storage import industries
    from csadvisor.storage.bls import files_in_use

    in_use = {**files_in_use(source), **industries.files_in_use(source)}
    for name, (path, label) in in_use.items():
        used = why if label != name or source.bundled else "bundled with csadvisor"
        shown = escape_control(str(path.resolve()))
        exists = "yes" if path.is_file() else "no"
        rows.append(records.PathRow(file=name, path=shown, source=used, exists=exists))

    columns = records.PATH_COLUMNS
    emit(View(columns, rows, partial(path_table, columns=columns)), fmt, header)
