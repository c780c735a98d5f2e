#!/usr/bin/env bash
# Debian's Chromium, for the browser check in `npm run test:e2e`: playwright-core
# drives /usr/bin/chromium, so no browser is downloaded. Does nothing when it is there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
