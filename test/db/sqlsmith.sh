#!/usr/bin/env bash
# SQLsmith, short and with a fixed seed: 0 backend crashes (scripts/sqlsmith.sh;
# make reliability runs it for an hour).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/sqlsmith.sh "${ROLEEXT_SQLSMITH_SECONDS:-40}" 1
