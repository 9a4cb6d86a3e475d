#!/usr/bin/env bash
# The VS Code extension, tested and packaged: its npm packages installed exactly as
# package-lock.json pins them, the TextMate grammar tested on sample lines
# (vscode-tmgrammar-test), and the extension packaged as ratebook.vsix (@vscode/vsce 3.9).
# Needs Node.js and npm; `.ci/run` runs it.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx vscode-tmgrammar-test 'tests/*.rules'
npx vsce package --out ratebook.vsix --skip-license --allow-missing-repository
