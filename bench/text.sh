#!/usr/bin/env bash
# Text benchmark: BackpropMLP with its defaults against Weka's SGD, SMO and NaiveBayesMultinomial
# (their defaults) behind Weka's text pipeline, and scikit-learn's MLPClassifier (its defaults)
# on the same term matrix, on the public corpora (bench/datasets/text_corpora.sh).
#
#   bench/text.sh                       all corpora, StringToWordVector defaults and -W 5000 -L
#   bench/text.sh --corpora "spam debian" --no-sklearn
#   bench/text.sh --learners "SMO BackpropMLP"     only these Weka learners (SGD, SMO,
#                                                  NaiveBayesMultinomial, BackpropMLP)
#
# Weka rows: weka.classifiers.meta.FilteredClassifier -F "weka.filters.unsupervised.attribute.
# StringToWordVector [-W 5000 -L]" -W <learner>, trained on the training ARFF and evaluated on the
# test ARFF; seconds = train + test of the whole FilteredClassifier (the filter included), one
# run each in one JVM after an untimed run of the filter; the ratio is to SGD's time in the same
# run. Weka's SGD is binary only: on more classes it runs inside MultiClassClassifier (its
# defaults: one against the rest). scikit-learn: MLPClassifier(random_state=1) on the matrix
# TextBench exports (the same StringToWordVector, fitted on the training set), one OpenBLAS
# thread, run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset; its seconds are fit + predict.
# manpages, perlpod, rhelp, jdkdoc, pystdlib, godoc and sotu are the held-out corpora: no default
# was tuned on them (jdkdoc was first run, once, on the sixth session's code, doc/text.md "Round 7";
# pystdlib on the seventh's, "Round 8"; godoc, the sixth, on the eleventh's, "Round 11"; sotu,
# the seventh, on the forty-ninth's, "Round 15").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$here/data/text"
corpora="spam debian info pydoc manpages perlpod rhelp jdkdoc pystdlib godoc sotu"
sklearn=1
learners="SGD SMO NaiveBayesMultinomial BackpropMLP"
while [ $# -gt 0 ]; do
  case "$1" in
    --corpora) corpora="$2"; shift ;;
    --no-sklearn) sklearn=0 ;;
    --learners) learners="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[text] $*" >&2; }
py="${BENCH_PYTHON:-/usr/bin/python3}"

"$here/datasets/text_corpora.sh" "$data" "$corpora" # builds the corpora asked for, if missing
log "building"
(cd "$root" && mvn -q -B -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/text-classpath.txt >/dev/null)
cp="$root/target/classes:$root/target/test-classes:$(tr ':' '\n' < "$root/target/text-classpath.txt" | grep -v '\.pom$' | paste -sd:)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for c in $corpora; do
  commas="$(grep -m1 '^@attribute @@class@@' "$data/$c-train.arff" | tr -cd ',' | wc -c)"
  sgd=weka.classifiers.functions.SGD
  [ "$commas" -ge 2 ] && sgd="weka.classifiers.meta.MultiClassClassifier -W $sgd"
  specs=()
  for l in $learners; do
    case "$l" in
      SGD) specs+=(-c "$sgd") ;;
      SMO) specs+=(-c weka.classifiers.functions.SMO) ;;
      NaiveBayesMultinomial) specs+=(-c weka.classifiers.bayes.NaiveBayesMultinomial) ;;
      BackpropMLP) specs+=(-c weka.classifiers.functions.BackpropMLP) ;;
      *) echo "unknown learner: $l" >&2; exit 2 ;;
    esac
  done
  for stwv in "" "-W 5000 -L"; do
    echo
    java -Xmx3g -cp "$cp" weka.classifiers.functions.bench.TextBench \
      -train "$data/$c-train.arff" -test "$data/$c-test.arff" -stwv "$stwv" -export "$work/$c" \
      "${specs[@]}" 2> >(grep -v 'WARN\|ARPACK' >&2)
    if [ "$sklearn" = 1 ]; then
      OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        "$py" "$here/text_sklearn.py" "$work/$c"
    fi
  done
done
