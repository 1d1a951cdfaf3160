#!/bin/sh
# Set-up for vanban: the Python package and its test tools, then (when run as root
# with apt-get) the optional system packages: OCR, LibreOffice for legacy .doc, and
# chromium for the browser tests.  Without them vanban still runs: scans fail with
# `tool.missing` naming the package, and the tests that need them skip.
set -e
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e ".[dev,nlp]"
SYSTEM_PACKAGES="tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui chromium"
if [ "${VANBAN_NO_APT:-}" = "1" ]; then
  echo "setup: VANBAN_NO_APT=1, skipping system packages ($SYSTEM_PACKAGES)"
elif command -v tesseract >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 \
     && command -v chromium >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
  :  # already installed
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  # Best effort: without these vanban still runs and the tests that need them skip.
  if ! { apt-get update -qq >/dev/null && apt-get install -y -qq $SYSTEM_PACKAGES >/dev/null; }; then
    echo "setup: apt-get could not install $SYSTEM_PACKAGES; scans, .doc and browser tests will skip"
  fi
else
  echo "setup: optional system packages not installed; to read scans, .doc files and run the"
  echo "       browser tests, install as root: apt-get install $SYSTEM_PACKAGES"
fi
