#!/usr/bin/env bash
# The whole test suite: installs the test tools if they are missing, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo test --locked "$@"
