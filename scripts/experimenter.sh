#!/usr/bin/env bash
# Builds, saves and runs a Weka experiment without the GUI: 10-fold CV of BackpropMLP
# (defaults) against MultilayerPerceptron, Logistic and J48 on the bundled nominal-class data
# sets, then prints Weka's corrected paired t-test table (base: BackpropMLP; "v"/"*" = the
# other scheme is significantly better/worse at 5%).
# Usage: scripts/experimenter.sh [output-dir] [data.arff ...]
# SCHEMES (optional, environment): one "classname options" per line to compare instead of the
# four defaults; the first is the base of the t-test.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/experiment}
shift || true
data=("$@")
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
# column numbers (1-based) of the result file, looked up by name
col() { grep -i '^@attribute' "$out/results.arff" | awk -v n="$1" '$2 == n {print NR}'; }
java -cp "$cp" weka.experiment.PairedCorrectedTTester -t "$out/results.arff" \
  -c "$(col Percent_correct)" -b 1 -D "$(col Key_Dataset)" -R "$(col Key_Run)" \
  -F "$(col Key_Fold)" -G "$(col Key_Scheme),$(col Key_Scheme_options),$(col Key_Scheme_version_ID)" \
  -S 0.05 -V -result-matrix "weka.experiment.ResultMatrixPlainText -mean-prec 2 -stddev-prec 2 -col-name-width 0 -row-name-width 25 -mean-width 0 -stddev-width 0 -sig-width 0 -count-width 5 -print-col-names -print-row-names -enum-col-names" \
  2>&1 | grep -v ARPACK | tee "$out/ttest.txt"
