#!/usr/bin/env bash
# The first command of the README: installs what is missing, builds pith into
# build/, and cleans the bundled fixtures, printing the result.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target pith

echo "== build/pith clean --format seed fixtures/seeds/000_bea1dc2b0db3c042.txt"
build/pith clean --format seed fixtures/seeds/000_bea1dc2b0db3c042.txt
echo
echo "== build/pith clean fixtures/text (JSONL, one record per fixture)"
build/pith clean fixtures/text
