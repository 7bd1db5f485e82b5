#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Meson test "differential": jalons-cli canon --signing against jsonld.js +
# rdf-canonize on every document of corpus/, in one node process.
#   run.sh JALONS_CLI
# node_modules is not committed: build-aux/dev.sh test installs it (npm ci).
# Missing, the test fails rather than skips, so the comparison is never
# silently lost.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=$1
node=$(command -v node || command -v nodejs || true)
if [ -z "$node" ]; then
  echo "node is not installed: run build-aux/dev.sh test (it installs Debian's nodejs)." >&2
  exit 1
fi
if [ ! -f "$here/node_modules/jsonld/package.json" ] || [ ! -f "$here/node_modules/rdf-canonize/package.json" ]; then
  echo "tests/differential/node_modules is missing: run build-aux/dev.sh test (it runs npm ci there)." >&2
  exit 1
fi
exec "$node" "$here/canon.js" --contexts "$here/../../data/contexts" --corpus "$here/corpus" \
  --expected "$here/expected" --divergences "$here/divergences.txt" --cli "$cli"
