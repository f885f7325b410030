"""Make docs/report.png: ``summarize report`` on SummEval's 100 articles, opened at an article, 1280 px wide.

Usage: python tools/report_screenshot.py [--out docs/report.png]

Runs ``summarize report ../shared/data/summeval/summeval_docs.jsonl.gz --systems tfidf,lead,oracle
--reference references`` (the 11 SummEval references), opens the HTML in headless Chromium at
1280 x 900, opens the first article in the article view and saves a screenshot of the page from the
article view's heading.  Needs ../shared/data and Chromium (tools/install_browser.sh).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUMMEVAL = REPO.parent / "shared" / "data" / "summeval" / "summeval_docs.jsonl.gz"
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "report.png"))
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import sync_playwright

    from summarize.cli.main import main as summarize

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        code = summarize(["report", str(SUMMEVAL), "--systems", "tfidf,lead,oracle", "--reference", "references",
                          "--html", str(html), "--title", "SummEval: 100 CNN/DailyMail articles, 11 references",
                          "--no-progress"])
        if code not in (0, 1):
            return code
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(html.as_uri(), wait_until="load")
            page.locator("#articles-table button.open").nth(2).click()
            page.locator("#article-detail").scroll_into_view_if_needed()
            page.evaluate("document.getElementById('article-detail').scrollIntoView()")
            page.screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
