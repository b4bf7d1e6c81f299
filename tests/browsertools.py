"""A real headless browser for the HTML reports: Playwright driving the system Chromium.

Playwright's own browser downloads are never used (``playwright install`` is not run):
the browser is Chromium from the system (``apt-get install chromium``; ``.ci/run`` does it
as root on Debian), found on PATH or named by ``CSADVISOR_CHROMIUM``. Without Playwright or
Chromium the browser tests skip, saying which is missing and how to get it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import pytest

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    named = os.environ.get("CSADVISOR_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch() -> Iterator[Any]:
    """A Chromium browser for a test module, or a skip that says why there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("no Playwright for Python: pip install -e '.[test]'")
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no Chromium found (chromium on PATH, or CSADVISOR_CHROMIUM): apt-get install chromium"
        )
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(
                executable_path=path, args=["--no-sandbox", "--disable-gpu"]
            )
        except Exception as exc:  # a broken install: say so rather than fail every test
            pytest.skip(f"Chromium at {path} does not start: {str(exc).splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


class Opened(NamedTuple):
    page: Any
    requests: list[str]  # every URL the page asked for, its own file first
    console_errors: list[str]  # console errors, page errors and dialogs (alert) alike


def open_file(browser: Any, path: Path, **context: Any) -> Opened:
    """Open ``path`` in a fresh context, recording every request, error and dialog;
    anything but the file itself is refused (and recorded) rather than fetched."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    requests: list[str] = []
    errors: list[str] = []
    own = path.resolve().as_uri()

    def route(r: Any) -> None:
        if r.request.url == own:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "console",
        lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))

    def dialog(d: Any) -> None:
        errors.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(own)
    page.wait_for_load_state("load")
    return Opened(page, requests, errors)


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page (WCAG 2 A and AA, and best practices), one line
    each. The script is axe-core as axe-playwright-python ships it (no download)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.skip("no axe-playwright-python (it bundles axe-core): pip install -e '.[test]'")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def open_clean(browser: Any, path: Path) -> Any:
    """Open the report ``path`` and check what every report page keeps to in a browser:
    nothing fetched (nor tried), no console error or dialog, no axe violation, no image or
    script. The page, for the checks of its own content."""
    opened = open_file(browser, path)
    assert opened.requests == [path.resolve().as_uri()]  # nothing fetched, nothing tried
    assert opened.console_errors == []
    assert axe_violations(opened.page) == []
    assert opened.page.query_selector_all("img, script") == []
    return opened.page


def pdf_pages(page: Any, paper: str) -> int:
    """How many pages printing the page to PDF on ``paper`` (A4, Letter) gives."""
    data = page.pdf(format=paper, print_background=True)
    return len(re.findall(rb"/Type\s*/Page\b", data))


#: The printable width of each paper in CSS pixels, with the plan's 9 mm side margins.
PRINT_WIDTH = {"A4": round((210 - 18) / 25.4 * 96), "Letter": round((215.9 - 18) / 25.4 * 96)}


class PrintedSizes(NamedTuple):
    text: float  # the smallest text on the page, in points, as printed
    chart: float  # the smallest text in a chart, in points, as the chart is drawn on paper


def printed_sizes(page: Any, paper: str) -> PrintedSizes:
    """The smallest type on paper: every visible text's font size under the print rules,
    and every chart text's size scaled as its SVG is drawn (viewBox to printed width)."""
    page.set_viewport_size({"width": PRINT_WIDTH[paper], "height": 1000})
    page.emulate_media(media="print")
    text, chart = page.evaluate(
        """() => {
        const pt = px => px * 72 / 96;
        let text = Infinity, chart = Infinity;
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const el = n.parentElement;
            if (!n.textContent.trim() || !el.getClientRects().length) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            const svg = el.closest('svg');
            if (svg) {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                chart = Math.min(chart, pt(size * scale));
            } else {
                text = Math.min(text, pt(size));
            }
        }
        return [text, chart];
    }"""
    )
    page.emulate_media(media="screen")
    return PrintedSizes(text, chart)


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"-?\d+", text)]


def chart_rows(page: Any, chart: str) -> list[tuple[str, str]]:
    """(label, value text) of each row of the SVG chart with id ``chart``, as drawn."""
    out = []
    for row in page.query_selector_all(f"#{chart} g.row"):
        spans = row.query_selector_all("text.label tspan")
        label = (
            " ".join(s.text_content() for s in spans)
            if spans
            else row.query_selector("text.label").text_content()
        )
        out.append((label, row.query_selector("text.value").text_content()))
    return out


def table_rows(page: Any, selector: str) -> list[dict[str, str]]:
    """The rows of the table ``selector`` as {header: cell text}."""
    heads = [h.inner_text() for h in page.query_selector_all(f"{selector} thead th")]
    return [
        dict(zip(heads, (c.inner_text() for c in row.query_selector_all("th, td")), strict=True))
        for row in page.query_selector_all(f"{selector} tbody tr")
    ]


# --------------------------------------------------------------------------- the source


class Outline(HTMLParser):
    """The page's headings, tables and every start tag, as a reader meets them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(text)
    return parser


def assert_well_formed_page(text: str) -> None:
    """What every report page holds, read from its source."""
    assert text.startswith("<!DOCTYPE html>\n<html lang=")
    page = outline(text)
    names = [t for t, _ in page.tags]
    assert "script" not in names
    assert "link" not in names
    assert "img" not in names
    assert "iframe" not in names
    assert "object" not in names
    assert "base" not in names
    assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]  # no handlers
    assert "http://" not in text
    assert "https://" not in text
    assert "url(" not in text
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CSP}]
    # Headings in order: one h1 first, never a level skipped on the way down.
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    # Every table has a header row of column headers.
    assert text.count("<table") == text.count('<thead><tr><th scope="col"')
