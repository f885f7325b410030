"""Render an HTML file in headless Chromium and save a PNG screenshot.

Used to make the README's picture of the HTML evaluation report with the
project's own tools::

    python tools/screenshot.py report.html report.png --width 1280 --height 900 --full-page

Needs the ``playwright`` Python package and a Chromium binary (by default
``/usr/bin/chromium``, e.g. Debian's ``chromium`` package; another one via
``--chromium`` or the ``CHROMIUM`` environment variable).  Nothing is
downloaded: ``playwright install`` is never run, and the page is opened from
a ``file://`` URL with background networking disabled.

Exit status: 0 on success, 1 if the page logged errors (with
``--fail-on-console-error``), 2 on bad arguments or a missing browser.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "DEFAULT_CHROMIUM", "main", "screenshot"]

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Flags for a quiet, offline, container-friendly headless Chromium: no sandbox
# (containers often lack user namespaces), no GPU, and none of the background
# requests (updates, sync, safe browsing) that would try to reach the network.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def screenshot(html: str | os.PathLike[str], out: str | os.PathLike[str], *, width: int = 1280, height: int = 900,
               full_page: bool = False, chromium: str | os.PathLike[str] = DEFAULT_CHROMIUM,
               timeout_ms: int = 30_000) -> list[str]:
    """Open ``html`` in headless Chromium and write a PNG of it to ``out``.

    Parameters
    ----------
    html : str or os.PathLike
        The HTML file.
    out : str or os.PathLike
        The PNG to write (parent directories are created).
    width, height : int
        Viewport size in CSS pixels.
    full_page : bool
        Capture the whole scrollable page instead of the viewport.
    chromium : str or os.PathLike
        The Chromium executable.
    timeout_ms : int
        How long to wait for the page to load.

    Returns
    -------
    list of str
        Console errors and uncaught exceptions the page reported.

    Raises
    ------
    FileNotFoundError
        If ``html`` or the Chromium executable does not exist.
    ImportError
        If playwright is not installed.
    """
    page_path = Path(html).resolve()
    if not page_path.is_file():
        raise FileNotFoundError(f"no HTML file at {html}")
    if not Path(chromium).is_file():
        raise FileNotFoundError(
            f"no Chromium at {chromium}; install it (Debian: apt-get install chromium) or pass --chromium PATH"
        )
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_path.as_uri(), wait_until="load", timeout=timeout_ms)
            page.screenshot(path=str(out_path), full_page=full_page)
        finally:
            browser.close()
    return errors


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screenshot.py",
        description="Render an HTML file in headless Chromium (via playwright) and save a PNG.",
    )
    parser.add_argument("html", help="the HTML file to render")
    parser.add_argument("out", help="the PNG to write")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default 1280)")
    parser.add_argument("--height", type=int, default=900, help="viewport height in CSS pixels (default 900)")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not just the viewport")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", DEFAULT_CHROMIUM),
                        help=f"Chromium executable (default: $CHROMIUM or {DEFAULT_CHROMIUM})")
    parser.add_argument("--fail-on-console-error", action="store_true",
                        help="exit with status 1 if the page logs a console error or throws")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.width < 1 or args.height < 1:
        parser.error("--width and --height must be positive")
    try:
        errors = screenshot(args.html, args.out, width=args.width, height=args.height, full_page=args.full_page,
                            chromium=args.chromium)
    except FileNotFoundError as exc:
        print(f"screenshot.py: error: {exc}", file=sys.stderr)
        return 2
    except ImportError:
        print("screenshot.py: error: the playwright package is missing (pip install 'playwright>=1.40'); "
              "its browser download is not needed, a system Chromium is used", file=sys.stderr)
        return 2
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    print(f"wrote {args.out}")
    return 1 if errors and args.fail_on_console_error else 0


if __name__ == "__main__":
    sys.exit(main())
