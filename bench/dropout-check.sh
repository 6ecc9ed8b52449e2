#!/usr/bin/env bash
# The held-out check of the automatic dropout's rule (doc/defaults.md, "Dropout off where rows
# are plentiful"): on sets with 20-22 encoded inputs that no default was chosen on, BackpropMLP's
# defaults with dropout 0.3 (the rule of the inputs alone) against no dropout (what the rule does
# from 100 training rows per input), test accuracy % and CPU seconds of each.
#
#   bench/dropout-check.sh            every set (a few minutes)
#   bench/dropout-check.sh --sets "ringnorm6000 diamonds"
#
# Data (into bench/data/dropout/, git-ignored): bench/datasets/mlbench2arff.R DIR dropout, which
# needs Debian's r-cran-mlbench and r-cran-ggplot2 (installed when missing and apt-get may run;
# BENCH_NO_APT=1 forbids that). Protocol: the 6,000-row sets, diamonds and the "3200 split" rows a
# split (every 3rd row tests), the other 3,200- and 1,500-row rows one 10-fold CV; same seeds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$here/data/dropout"
log_tag=dropout
# shellcheck source=bench/common.sh
. "$here/common.sh"
# set and protocol ("split" or "cv"), in doc/defaults.md's order
runs="twonorm6000:split ringnorm6000:split threenorm6000:split waveform6000:split
  diamonds6000:split diamonds:split twonorm3200:cv ringnorm3200:cv threenorm3200:cv waveform3200:cv
  twonorm3200:split ringnorm3200:split threenorm3200:split waveform3200:split diamonds3200:split
  twonorm1500:cv ringnorm1500:cv threenorm1500:cv waveform1500:cv"
sets=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sets) sets="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$data"
if [ ! -s "$data/diamonds3200.arff" ]; then
  need_deb "r-base-core r-cran-mlbench r-cran-ggplot2" "Rscript -e 'library(mlbench); library(ggplot2)'"
  Rscript "$here/datasets/mlbench2arff.R" "$data" dropout >&2
fi
bench_build
one() { # set, protocol, dropout: "accuracy cpu-seconds"
  local args=(-cpu -runs 1 -d "$data/$1.arff" -c "weka.classifiers.functions.BackpropMLP -dropout $3")
  [ "$2" = split ] && args+=(-holdout 3)
  java -Xmx4g -cp "$bench_cp" weka.classifiers.functions.bench.CrossValidationTable "${args[@]}" \
    2>/dev/null | sed -n 2p | awk -F'|' '{print $2}' | awk '{print $1, $3}'
}
printf '%-16s %-6s %12s %12s %11s %10s %10s\n' "set" "proto" "dropout 0.3" "none" "difference" "cpu 0.3" "cpu none"
for r in $runs; do
  s="${r%%:*}"; p="${r##*:}"
  [ -z "$sets" ] || [[ " $sets " == *" $s "* ]] || continue
  read -r a ta < <(one "$s" "$p" 0.3)
  read -r b tb < <(one "$s" "$p" 0)
  awk -v s="$s" -v p="$p" -v a="$a" -v b="$b" -v ta="$ta" -v tb="$tb" \
    'BEGIN { printf "%-16s %-6s %12.2f %12.2f %+11.2f %10s %10s\n", s, p, a, b, b - a, ta, tb }'
done
