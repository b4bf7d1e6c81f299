from __future__ import annotations


def test_version_prints_name_and_version(invoke) -> None:  # type: ignore[no-untyped-def]
    from csadvisor import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"csadvisor {__version__}\n"
