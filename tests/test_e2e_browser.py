"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright's
Python sync API; no browser is ever downloaded): add the four seeds through the add page,
open the story, see the timeline, follow a citation to its sentence, search. Screenshots
(stories, story with timeline, phone width) go to a temporary directory, or to
$STORYLINE_SCREENSHOTS: `make screenshots` refreshes docs/screenshots/ that way, so a test
run never rewrites tracked files."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-bridge"

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium chromium-driver)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web import WebSettings, create_app

    port = _free_port()
    config = uvicorn.Config(create_app(WebSettings(library=tmp_path / "lib")), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_add_open_timeline_cite_search(server: str, seeds: Path, tmp_path: Path) -> None:
    shots = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            # Add the four seeds through the UI.
            page.goto(server + "/add")
            page.set_input_files("input[name=files]", sorted(str(p) for p in seeds.glob("*.txt")))
            page.click("form.add button[type=submit]")
            page.wait_for_selector("#outcome")
            assert "Read 4" in page.inner_text("#outcome")
            # The invented harbour story too, so the screenshots show a full brief.
            page.goto(server + "/add")
            page.set_input_files("input[name=files]", sorted(str(p) for p in EXAMPLE.iterdir()))
            page.click("form.add button[type=submit]")
            page.wait_for_selector("#outcome")

            page.goto(server + "/")
            assert page.locator("li.story").count() >= 2
            page.screenshot(path=str(shots / "stories.png"), full_page=True)

            # Open the seeds' biggest story: its timeline is drawn.
            page.click("li.story a.story-title:has-text('Trump')")
            page.wait_for_selector("#timeline")
            assert page.locator("#timeline .tl-dot").count() >= 1
            assert page.locator("#summary a.cite").count() >= 1

            # Follow a citation: the popover shows the sentence, then the article highlights it.
            cite = page.locator("#summary a.cite").first
            cite.click()
            pop = page.locator("#cite-pop")
            assert pop.is_visible()
            quoted = pop.locator("blockquote").inner_text().strip()
            assert quoted
            page.click("#cite-pop .pop-open")
            page.wait_for_url("**/articles/**#s*")
            target = page.locator(":target")
            assert target.count() == 1
            assert " ".join(target.inner_text().split()) == " ".join(quoted.split())
            page.screenshot(path=str(shots / "article.png"))

            # Search.
            page.goto(server + "/search")
            page.fill("input[name=q]", "Abe")
            page.click("form.search button")
            page.wait_for_selector("li.hit")
            assert page.locator("li.hit").count() >= 1
            page.screenshot(path=str(shots / "search.png"))

            # Screenshots of the harbour story: desktop and phone width.
            page.goto(server + "/")
            page.click("li.story a.story-title:has-text('Kestrel')")
            page.wait_for_selector("#timeline")
            page.screenshot(path=str(shots / "story.png"), full_page=True)
            page.locator("#timeline").screenshot(path=str(shots / "timeline.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            phone.goto(page.url)
            phone.wait_for_selector("#timeline")
            assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            phone.screenshot(path=str(shots / "story-phone.png"), full_page=False)
            phone.locator("#timeline").screenshot(path=str(shots / "timeline-phone.png"))
            phone.goto(server + "/")
            phone.screenshot(path=str(shots / "stories-phone.png"))
            assert not errors, errors  # a CSP violation or script error shows up here
        finally:
            browser.close()
