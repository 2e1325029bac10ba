#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The CI benchmark: 10,000 customers, every figure printed; fails only on gross
# regressions (a median more than 10x its target), never on noise.
set -euo pipefail
rapport=$1 bench=$2 bare=$3 report=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LANGUAGE=zh_CN "$rapport" --database "$tmp/bench.db" --demo-data 10000
"$bench" --database "$tmp/bench.db" --runs 8 --import-rows 10000 --rapport "$rapport" --bare "$bare" --fail-over 10 | tee "$report"
