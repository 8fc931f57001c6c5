#!/usr/bin/env bash
# The whole test suite: installs the test tools if they are missing, then runs every test. A tool
# that cannot be installed does not stop the run: the tests that need it say what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || echo "test.sh: going on without the tools named above" >&2
cargo test --locked "$@"
