#!/usr/bin/env bash
# Service script (see .ci/run): `up` installs Debian's Chromium and the browser test's npm packages
# (playwright-core, pinned by tests/browser/package-lock.json), then prints only `export NAME=value`
# lines on stdout. Everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."

case "${1:-}" in
  up)
    if ! command -v chromium >/dev/null 2>&1; then
      apt-get update >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2
    fi
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2
    fi
    major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
    if [ "$major" -lt 20 ]; then
      echo "chromium.sh: playwright-core 1.65 needs Node.js >= 20 (found $(node --version))" >&2
      exit 1
    fi
    (cd tests/browser && npm ci --no-audit --no-fund >&2)
    echo "export PRIMAGE_CHROMIUM=$(command -v chromium)"
    ;;
  down)
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
