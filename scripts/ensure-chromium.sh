#!/usr/bin/env bash
# Browser tests drive Debian's Chromium with Playwright (never a downloaded browser).
# Install chromium and chromium-driver with apt when they are missing and we can; otherwise
# say so and carry on: the browser tests then skip with a reason.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium and chromium-driver for the browser tests ..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/tmp/storyline-apt.log 2>&1; then
    exit 0
  fi
  echo "apt-get could not install chromium (see /tmp/storyline-apt.log); browser tests will skip"
else
  echo "chromium is not installed and apt-get is not available as root; browser tests will skip"
fi
exit 0
