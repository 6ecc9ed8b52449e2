#!/usr/bin/env bash
# Builds, saves and runs a Weka experiment without the GUI: 10-fold CV of BackpropMLP
# (defaults) against MultilayerPerceptron, Logistic and J48 on the bundled nominal-class data
# sets, then prints Weka's corrected paired t-test table (base: BackpropMLP; "v"/"*" = the
# other scheme is significantly better/worse at 5%).
# Usage: scripts/experimenter.sh [output-dir] [data.arff ...]
# SCHEMES (optional, environment): one "classname options" per line to compare instead of the
# four defaults; the first is the base of the t-test.
set -euo pipefail
# the output folder and the data files named are the caller's: made absolute before the script
# moves to the checkout (relative ones had been looked up in the checkout, and a missing file
# had ended in an empty result file and an exit status of 0)
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
out=${1:+$(abs "$1")}
shift || true
data=()
for f in "$@"; do
  [ -f "$f" ] || { echo "experimenter.sh: no data file $f" >&2; exit 2; }
  data+=("$(abs "$f")")
done
cd "$(dirname "$0")/.."
out=${out:-$PWD/target/experiment}
if [ ${#data[@]} -eq 0 ]; then
  data=(test-data/iris.arff test-data/diabetes.arff test-data/breast-cancer.arff
        test-data/glass.arff test-data/ionosphere.arff test-data/vote.arff test-data/labor.arff)
fi
mkdir -p "$out"
mvn -q -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" >/dev/null
# (Weka's dependencies include a .pom file, which its class discovery would report as a bad zip)
cp="target/classes:target/test-classes:$(tr ':' '\n' < "$out/classpath.txt" | grep -v '\.pom$' | paste -sd:)"
schemes=()
if [ -n "${SCHEMES:-}" ]; then
  while IFS= read -r line; do
    [ -n "$line" ] && schemes+=(-c "$line")
  done <<< "$SCHEMES"
fi
java -cp "$cp" weka.classifiers.functions.bench.ExperimentBuilder "${schemes[@]}" \
  "$out/experiment.xml" "$out/results.arff" 10 "${data[@]}"
rm -f "$out/results.arff"
java -cp "$cp" weka.experiment.Experiment -l "$out/experiment.xml" -r 2>&1 | grep -v ARPACK
# Weka's Experiment exits 0 whatever failed: a result file without a row is the failure
if ! grep -q -v -e '^@' -e '^%' -e '^[[:space:]]*$' "$out/results.arff" 2>/dev/null; then
  echo "experimenter.sh: the experiment wrote no result (see its messages above)" >&2
  exit 1
fi
# column numbers (1-based) of the result file, looked up by name
col() { grep -i '^@attribute' "$out/results.arff" | awk -v n="$1" '$2 == n {print NR}'; }
# -count-width 2: Weka 3.8.6's ResultMatrix.setOptions stores -count-width (default 5) as the
# standard deviations' precision, after -stddev-prec; 2 makes them print with 2 decimals
java -cp "$cp" weka.experiment.PairedCorrectedTTester -t "$out/results.arff" \
  -c "$(col Percent_correct)" -b 1 -D "$(col Key_Dataset)" -R "$(col Key_Run)" \
  -F "$(col Key_Fold)" -G "$(col Key_Scheme),$(col Key_Scheme_options),$(col Key_Scheme_version_ID)" \
  -S 0.05 -V -result-matrix "weka.experiment.ResultMatrixPlainText -mean-prec 2 -stddev-prec 2 -col-name-width 0 -row-name-width 25 -mean-width 0 -stddev-width 0 -sig-width 0 -count-width 2 -print-col-names -print-row-names -enum-col-names" \
  2>&1 | grep -v ARPACK | tee "$out/ttest.txt"
