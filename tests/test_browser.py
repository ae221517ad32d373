"""The web UI in a real browser: Debian's Chromium, driven by Playwright (its own browser download does not
work offline). ``.ci/run`` installs Chromium; without it these tests fail with a clear message, unless
PARLEY_SKIP_BROWSER=1 says to skip them on purpose. Screenshots go to test-output/."""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from negotiation_reports import BATCHES, ingest_batches, write_batch

from conftest import ROOT, SEEDS
from helpers import write

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("PARLEY_SKIP_BROWSER") == "1":
        pytest.skip("PARLEY_SKIP_BROWSER=1")
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium (or set PARLEY_SKIP_BROWSER=1)"
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu",
                                                              "--disable-background-networking"])
        yield b
        b.close()


@contextmanager
def served(store):
    import uvicorn

    from parley.present.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _target_text(page) -> str:
    """The text of the marked evidence, as the reader sees it (pieces joined, paragraph breaks as one)."""
    return page.evaluate("Array.from(document.querySelectorAll('.hl-target')).map(e => e.textContent).join('')")


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(url)
    return page, errors


def test_follow_a_contested_claim_to_its_highlighted_evidence(browser, example_store):
    with served(example_store) as base:
        page, errors = _open(browser, base + "/")
        page.click("a.story >> nth=0")
        page.wait_for_selector("#contested")
        page.screenshot(path=str(OUT / "dossier-example.png"), full_page=True)
        assert page.locator("#briefing li").count() >= 8
        assert page.locator("#chart-timeline svg").count() == 1
        claim = page.locator("#contested .claim").first
        against = claim.locator(".side.against a.evidence").first
        span_text = against.inner_text().strip()
        assert "three hours" in span_text
        against.click()
        page.wait_for_selector("#hl")
        assert page.url.split("?")[0].rsplit("/", 1)[1]  # an article page
        assert _target_text(page) == span_text, "the marked passage is exactly the cited sentence"
        assert page.locator("#hl").is_visible()
        page.screenshot(path=str(OUT / "evidence-example.png"))
        assert not errors, errors


def test_seed_dossier_page_shows_round_positions_agreements_and_contests(browser, seed_store):
    with served(seed_store) as base:
        page, errors = _open(browser, base + "/")
        page.click("a.story >> nth=0")
        page.wait_for_selector("#rounds")
        page.screenshot(path=str(OUT / "dossier-seeds.png"), full_page=True)
        rounds = page.locator("#rounds .round").first.inner_text()
        assert "2025-05-16" in rounds and "Istanbul" in rounds
        matrix = page.locator("#positions table.matrix").inner_text()
        assert "Russia" in matrix and "Ukraine" in matrix
        assert "prisoners" in page.locator("#agreements").inner_text()
        assert page.locator("#contested .claim").count() >= 1
        # every kind of evidence link works: it opens the article with the cited span marked
        links = [page.locator(f"{sel} a").first.get_attribute("href") for sel in
                 ("#rounds .cite", "#positions .cite", "#agreements .cite")]
        links.append(page.locator("#contested a.evidence").first.get_attribute("href"))
        for href in links:
            assert href and "?hl=" in href
            page.goto(base + href)
            start, end = map(int, href.split("?hl=")[1].split("#")[0].split("-"))
            aid = href.split("/article/")[1].split("?")[0]
            assert _target_text(page) == seed_store.get_article(aid).text[start:end].replace("\n", ""), href
        assert not errors, errors


def test_no_script_from_an_article_runs_anywhere(browser, tmp_path):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    evil = ("<script>window.__pwned = 1; alert('pwned')</script> Envoys of Arland and Besk met in Corvo on "
            "Monday, officials said. \"We agreed <img src=x onerror=\"window.__pwned=2\"> to meet again next week,\" "
            "said Arland's negotiator Mira Tal <svg onload=\"window.__pwned=3\"></svg> after the session.")
    write(tmp_path / "in" / "evil.txt", "<b onmouseover=alert(1)>Envoys</b> meet in Corvo\n\n" + evil)
    st = Store(str(tmp_path / "evil.db"))
    assert ingest([str(tmp_path / "in")], st).ok
    (aid,) = st.article_ids()
    with served(st) as base:
        for path in ("/", f"/article/{aid}", "/search?q=Corvo", f"/story/{st.story_of()[aid]}"):
            page, errors = _open(browser, base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            assert not errors, (path, errors)
            if path.startswith("/article"):
                assert "<script>window.__pwned" in page.locator("article").inner_text()
                page.screenshot(path=str(OUT / "escaped-article.png"))
    st.close()


def test_upload_from_the_browser_shows_progress_then_the_stories(browser, tmp_path):
    from parley.store.db import Store

    f = write(tmp_path / "talks.txt", (SEEDS / sorted(os.listdir(SEEDS))[2]).read_text(encoding="utf-8"))
    st = Store(str(tmp_path / "up.db"))
    with served(st) as base:
        page, errors = _open(browser, base + "/upload")
        page.set_input_files("input[type=file]", str(f))
        page.click("button[type=submit]")
        page.wait_for_selector("#summary", timeout=120_000)
        assert "1 ingested" in page.locator("#summary").inner_text()
        page.click("text=s-")
        page.wait_for_selector("#briefing")
        assert not errors, errors
    st.close()


def test_a_negotiation_page_shows_its_rounds_in_order_and_follows_one_to_its_evidence(browser, tmp_path):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    st = Store(str(tmp_path / "talks.db"))
    ingest_batches(st, tmp_path, BATCHES[:2])
    with served(st) as base:
        page, errors = _open(browser, base + "/")
        page.click("header >> text=Negotiations")
        page.wait_for_selector("table.negotiations")
        assert page.locator("a.negotiation").count() == 2
        page.click("a.negotiation:has-text('Valdoria')")
        page.wait_for_selector("#party-positions")
        page.screenshot(path=str(OUT / "negotiation.png"), full_page=True)
        heads = page.locator("#rounds .round h3").all_inner_texts()
        assert heads[0].startswith("Round 1: 2031-04-10") and heads[1].startswith("Round 2: 2031-05-20"), heads
        assert "Port Salvo" in heads[0]
        # the timeline of the whole negotiation is drawn: one mark per round, each a link to its evidence
        marks = page.locator("#chart-timeline svg g.rounds_marks a")
        assert marks.count() == len(heads) == 2, marks.count()
        labels = page.locator("#chart-timeline svg g.round_labels_marks text").all_text_contents()
        assert labels == ["R1", "R2"], labels
        box = page.locator("#chart-timeline svg").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80, box
        mark = marks.nth(1)
        target = mark.get_attribute("xlink:href") or mark.get_attribute("href")
        assert target and target.startswith("/article/") and "?hl=" in target, target
        mark.locator("path").click()
        page.wait_for_selector("#hl")
        assert page.url.endswith(target), (page.url, target)
        assert "second round" in _target_text(page) or "Port Salvo" in _target_text(page)
        page.go_back()
        page.wait_for_selector("#party-positions")
        assert "held" in page.locator("#party-positions").inner_text()
        status = page.locator("#agreement-status").inner_text()
        assert "prisoners" in status and "agreed" in status and "implemented" not in status
        assert page.locator("#stories a.story").count() >= 1
        # follow the second round to its evidence: the article opens with the cited sentence marked
        link = page.locator("#rounds .round >> nth=1").locator(".cite a").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_selector("#hl")
        start, end = map(int, href.split("?hl=")[1].split("#")[0].split("-"))
        aid = href.split("/article/")[1].split("?")[0]
        assert _target_text(page) == st.get_article(aid).text[start:end].replace("\n", "")
        assert "second round" in _target_text(page)
        page.go_back()
        page.click("#stories a.story >> nth=0")
        page.wait_for_selector("#briefing")
        # the exchange agreed at the first round is carried out: the page says so on top, since the last brief
        page.go_back()
        assert "First brief" in page.locator("#changes h2").inner_text()
        assert ingest([str(write_batch(tmp_path, BATCHES[2], 10))], st).ok
        page.reload()
        page.wait_for_selector("#changes")
        page.screenshot(path=str(OUT / "negotiation-changes.png"))
        assert page.locator("#changes h2").inner_text().startswith("Since ")
        changed = page.locator("#changes li.change").all_inner_texts()
        assert any("prisoners carried out" in c for c in changed), changed
        assert "implemented" in page.locator("#agreement-status").inner_text()
        assert not errors, errors
    st.close()
