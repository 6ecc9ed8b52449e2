#!/usr/bin/env bash
# Accuracy harness for BackpropMLP's defaults: prints doc/accuracy.md's "Accuracy with default
# options" table, BackpropMLP vs Weka's MultilayerPerceptron vs scikit-learn's MLPClassifier /
# MLPRegressor, each with its own default options, on the bundled test-data sets and on public
# data sets converted here.
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
# Protocol: 10-fold cross-validation (Weka: stratified, seeds 1..R; scikit-learn: StratifiedKFold,
# same seeds — the folds differ), repeated 10 times for the sets under 300 rows (where one
# 10-fold run moves by a point with the fold assignment), once up to 3,000 rows; above that one
# split: rows whose index is a multiple of 3 (7 for Fashion-MNIST, = its official test set) are
# the test set. Times: seconds per 10-fold run (or per split), warm JVM, scikit-learn with one
# OpenBLAS thread.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$here/data"
mlp=1
sets="iris labor diabetes segment-challenge glass breast-cancer ionosphere vote credit-g soybean unbalanced cpu wine wdbc digits vehicle vowel sonar zoo breast-w boston servo dna satellite shuttle letter fashion"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-mlp) mlp=0 ;;
    --sets) sets="$2"; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[accuracy] $*" >&2; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}
need_deb() { # package, test command
  if ! eval "$2" >/dev/null 2>&1; then
    [ "${BENCH_NO_APT:-0}" = 1 ] && { echo "missing $1 and BENCH_NO_APT=1" >&2; exit 1; }
    log "installing Debian package(s) $1"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null \
      || { as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null; }
  fi
}
py=/usr/bin/python3

# ---------------------------------------------------------------------------------------------
# 1. Data
# ---------------------------------------------------------------------------------------------
mkdir -p "$data"
need_deb python3-sklearn "$py -c 'import sklearn'"
[ -s "$data/digits.arff" ] || "$py" "$here/datasets/sklearn2arff.py" "$data" >&2
if [ ! -s "$data/letter.arff" ]; then
  need_deb "r-base-core r-cran-mlbench" "Rscript -e 'library(mlbench)'"
  Rscript "$here/datasets/mlbench2arff.R" "$data" >&2
fi
if [[ " $sets " == *" fashion "* ]] && [ ! -s "$data/fashion.arff" ]; then
  [ -s "$data/train-images-idx3-ubyte.gz" ] || { echo "run bench/run.sh --quick once to fetch Fashion-MNIST" >&2; exit 1; }
  "$py" "$here/datasets/fashion2arff.py" "$data" "$data/fashion.arff" >&2
fi
path() { if [ -s "$root/test-data/$1.arff" ]; then echo "$root/test-data/$1.arff"; else echo "$data/$1.arff"; fi; }
holdout() { case "$1" in dna|satellite|shuttle|letter) echo 3 ;; fashion) echo 7 ;; *) echo 0 ;; esac; }
runs() { case "$1" in iris|labor|glass|breast-cancer|cpu|wine|sonar|zoo|servo) echo 10 ;; *) echo 1 ;; esac; }

# ---------------------------------------------------------------------------------------------
# 2. Build and run
# ---------------------------------------------------------------------------------------------
log "building"
(cd "$root" && mvn -q -B -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/accuracy-classpath.txt >/dev/null)
cp="$root/target/classes:$root/target/test-classes:$(tr ':' '\n' < "$root/target/accuracy-classpath.txt" | grep -v '\.pom$' | paste -sd:)"
weka() { # holdout, runs, path, classifier...
  local h="$1" r="$2" p="$3"; shift 3
  local args=(-warmup -runs "$r" -d "$p")
  [ "$h" = 0 ] || args+=(-holdout "$h")
  for c in "$@"; do args+=(-c "$c"); done
  java -Xmx8g -cp "$cp" weka.classifiers.functions.bench.CrossValidationTable "${args[@]}" 2>/dev/null | sed -n 2p
}
printf '%-18s | %-18s | %-18s | %-18s | %-18s\n' "data set" "BackpropMLP" "MultilayerPerc." "sklearn MLP" "sklearn+scaler"
for s in $sets; do
  p="$(path "$s")"; h="$(holdout "$s")"; r="$(runs "$s")"
  ours="$(weka "$h" "$r" "$p" weka.classifiers.functions.BackpropMLP | awk -F'|' '{print $2}')"
  theirs="not run"
  if [ "$mlp" = 1 ] && [ "$s" != fashion ]; then
    theirs="$(weka "$h" "$r" "$p" weka.classifiers.functions.MultilayerPerceptron | awk -F'|' '{print $2}')"
  fi
  hk=(--runs "$r"); [ "$h" = 0 ] || hk=(--holdout "$h")
  sk="$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$py" "$here/sklearn_table.py" "${hk[@]}" "$p" 2>/dev/null | awk '{print $3, $4}')"
  sks="$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$py" "$here/sklearn_table.py" --scale "${hk[@]}" "$p" 2>/dev/null | awk '{print $3, $4}')"
  printf '%-18s | %-18s | %-18s | %-18s | %-18s\n' "$s" "$(echo $ours)" "$(echo $theirs)" "$sk" "$sks"
done
