#!/usr/bin/env bash
# The report's browser test renders the page in a real headless Chromium. Install Debian's
# chromium when it is missing and we may (root with apt-get); otherwise the test skips, saying why.
set -u
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(command -v chromium)"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: installing the Debian package"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    echo "chromium: installed"
  else
    echo "chromium: could not be installed; the browser test will skip"
  fi
else
  echo "chromium: not found and cannot be installed here; the browser test will skip"
fi
exit 0
