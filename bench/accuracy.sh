#!/usr/bin/env bash
# Accuracy harness for BackpropMLP's defaults: prints doc/accuracy.md's "Accuracy with default
# options" table, BackpropMLP vs Weka's MultilayerPerceptron vs scikit-learn's MLPClassifier /
# MLPRegressor, each with its own default options, on the bundled test-data sets and on public
# data sets converted here. bench/run.sh's defaults table runs the same learners on the same
# sets (both through bench/common.sh) and adds times and issue 18's verdicts.
#
#   bench/accuracy.sh                 everything (hours: MultilayerPerceptron is slow on the big sets)
#   bench/accuracy.sh --no-mlp        skip MultilayerPerceptron
#   bench/accuracy.sh --sets "iris vowel"  only these sets
#
# Data (into bench/data/, git-ignored): test-data/*.arff; scikit-learn's bundled digits, wine and
# breast-cancer (WDBC); mlbench's copies of UCI sets (R package r-cran-mlbench: letter,
# satellite, shuttle, vehicle, vowel, sonar, DNA, zoo, breast-w, Boston housing, servo);
# Fashion-MNIST (Debian's dataset-fashion-mnist, see bench/run.sh) with the official split.
# Debian packages used: python3-sklearn, r-base-core, r-cran-mlbench (installed when missing
# and apt-get may run; BENCH_NO_APT=1 forbids that).
#
# Protocol and timing: see bench/common.sh (10x10-fold CV under 300 rows, 10-fold CV up to
# 3,000, one split above; seconds per 10-fold run or split, warm JVM, scikit-learn with one
# OpenBLAS thread and OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for its command alone).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$here/data"
log_tag=accuracy
# shellcheck source=bench/common.sh
. "$here/common.sh"
mlp=1
sets="$bench_all_sets"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-mlp) mlp=0 ;;
    --sets) sets="$2"; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

bench_data "$sets"
bench_build
two() { awk '{print $1, $2 "s"}'; } # accuracy and wall seconds
printf '%-18s | %-18s | %-18s | %-18s | %-18s\n' "data set" "BackpropMLP" "MultilayerPerc." "sklearn MLP" "sklearn+scaler"
for s in $sets; do
  ours="$(weka_cv "$s" weka.classifiers.functions.BackpropMLP | two)"
  theirs="not run"
  if [ "$mlp" = 1 ] && [ -z "$(mlp_not_run "$s")" ]; then
    theirs="$(weka_cv "$s" weka.classifiers.functions.MultilayerPerceptron | two)"
  fi
  printf '%-18s | %-18s | %-18s | %-18s | %-18s\n' "$s" "$ours" "$theirs" "$(sklearn_cv "$s" | two)" "$(sklearn_cv "$s" --scale | two)"
done
