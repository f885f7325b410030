#!/bin/sh
# Install Debian's Chromium for the browser tests of the HTML report (tests/test_html_report.py),
# unless a Chromium is already at /usr/bin/chromium.  Part of the README's test command and of CI.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get here; install Chromium at /usr/bin/chromium (browser tests skip outside CI)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; }
/usr/bin/chromium --version
