#!/usr/bin/env bash
# A new Weka user's first hour, checked end to end (issue 17, "Done means").
#
# From the repository root of a clean clone, with only Java 17 and Maven:
#   scripts/newcomer-check.sh
#
# Builds the package zip and the jar-only Weka class path the README's "Install into Weka"
# section tells users to get, then, with an empty WEKA_HOME and a scratch working directory:
#   1. runs the README's install and first-model shell block verbatim (extracted from README.md,
#      so the README cannot drift from what is checked; its WEKA_CP line is replaced by the
#      Maven alternative the same line names in its comment);
#   2. runs the shipped KnowledgeFlow flow and Experimenter configuration from the installed
#      package folder;
#   3. checks that "-t iris" prints a 4-input network, the same model text as with
#      -force-batch-training (apart from the "Time taken" lines);
#   4. checks that every line of "-h" is plain ASCII and at most 100 characters;
#   5. feeds three bad data sets (a string attribute, all class values missing, a unary class)
#      and checks that the first line a user sees (after Weka's own start-up warnings) is the
#      advice, with no stack trace before it.
# Prints PASS/FAIL per check and "N passed, M failed" last; exits non-zero on any failure.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

start_all=$(date +%s.%N)
work="$(mktemp -d)"
WEKA_HOME="$(mktemp -d)"
export WEKA_HOME
trap 'rm -rf "$work" "$WEKA_HOME"' EXIT

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
  echo "FAIL $1"
  failed=$((failed + 1))
  if [[ $# -ge 2 && -f "$2" ]]; then tail -n 15 "$2" | sed 's/^/    | /'; fi
}
finish() {
  echo "total $(elapsed "$start_all") s"
  echo "$passed passed, $failed failed"
  if [[ $failed -ne 0 ]]; then exit 1; fi
  exit 0
}
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# Weka's own start-up warnings (netlib's ARPACK, printed by java.util.logging as a date line and
# a WARNING line), which every weka.Run prints before anything of ours.
is_startup='/com\.github\.fommil\.netlib\.ARPACK <clinit>$/ || /^[A-Z]+: Failed to load implementation from: com\.github\.fommil\.netlib\.Native(System|Ref)ARPACK$/'
strip_startup() { awk "!($is_startup)" "$1"; }
first_line() { awk "!($is_startup) && NF { print; exit }" "$1"; }

# --- build: the package zip and the Weka class path, as the README says --------------------------
if mvn -B -ntp -q -DskipTests package >"$work/build.out" 2>&1 \
  && mvn -B -ntp -q dependency:build-classpath@weka-classpath >>"$work/build.out" 2>&1 \
  && [[ -s target/weka-classpath.txt ]]; then
  pass "build: package zip and target/weka-classpath.txt"
else
  fail "build: package zip and target/weka-classpath.txt" "$work/build.out"
  finish
fi

# --- 1. the README's install and first-model block, verbatim ----------------------------------
# The ```bash block of "Install into Weka" that installs the zip.
awk '/^```bash$/ { inb = 1; buf = ""; next }
     /^```$/ && inb { inb = 0; if (buf ~ /WekaPackageManager -offline -install-package/) { printf "%s", buf; exit } next }
     inb { buf = buf $0 "\n" }' README.md >"$work/readme-block.txt"
# Its first line sets WEKA_CP to a downloaded weka.jar and names the Maven alternative in its
# comment; take that alternative (the class path built above), keep every other line as it is.
sed -E 's/^WEKA_CP=[^ ]+ +#.*; or: (WEKA_CP=.*)$/\1/' "$work/readme-block.txt" >"$work/readme-block.sh"
if grep -qx 'WEKA_CP="$(cat target/weka-classpath.txt)"' "$work/readme-block.sh" \
  && grep -q '^weka() {' "$work/readme-block.sh" \
  && grep -q '^weka weka.core.WekaPackageManager -offline -install-package target/' "$work/readme-block.sh" \
  && grep -q '^weka weka.Run BackpropMLP -t test-data/iris.arff' "$work/readme-block.sh"; then
  pass "README install block found ($(wc -l <"$work/readme-block.sh") lines, Maven class path)"
else
  fail "README install block found" "$work/readme-block.txt"
  finish
fi

# Run it where a user would: a directory with the build's target/ and the test data.
ln -s "$repo/target" "$work/target"
ln -s "$repo/test-data" "$work/test-data"
start_newcomer=$(date +%s.%N)
rc=0
(cd "$work" && bash -e readme-block.sh) >"$work/readme.out" 2>&1 || rc=$?
newcomer_s=$(elapsed "$start_newcomer")
if [[ $rc -eq 0 && -f "$WEKA_HOME/packages/backpropMLP/Description.props" ]] \
  && grep -q 'backpropMLP' "$work/readme.out"; then
  pass "README: package installed into an empty WEKA_HOME"
else
  fail "README: package installed into an empty WEKA_HOME (exit $rc)" "$work/readme.out"
fi
if awk '/=== Stratified cross-validation ===/ { cv = 1 } cv && /^Correctly Classified Instances/ { ok = 1 }
        END { exit !ok }' "$work/readme.out"; then
  pass "README: first model on iris, cross-validated ($(awk '/=== Stratified cross-validation ===/ { cv = 1 }
        cv && /^Correctly Classified Instances/ { print $(NF-1), "%"; exit }' "$work/readme.out"))"
else
  fail "README: first model on iris, cross-validated" "$work/readme.out"
fi
echo "newcomer path: ${newcomer_s} s from the start of the install to the cross-validated iris result"

# The README's weka() function, for the checks below.
WEKA_CP="$(cat target/weka-classpath.txt)"
eval "$(sed -n '/^weka() {/,/; }$/p' "$work/readme-block.sh")"
examples="$WEKA_HOME/packages/backpropMLP/examples"

# --- 2. the shipped examples, from the installed package ----------------------------------
(cd "$work" && weka weka.knowledgeflow.FlowRunner "$examples/backpropmlp-crossvalidation.kf") \
  >"$work/kf.out" 2>&1 || true
if grep -q '=== Evaluation result ===' "$work/kf.out" \
  && grep -q '^Correctly Classified Instances' "$work/kf.out" \
  && ! grep -q '\[ERROR\]' "$work/kf.out"; then
  pass "KnowledgeFlow example: cross-validation ($(awk '/^Correctly Classified Instances/ { print $(NF-1), "%"; exit }' "$work/kf.out"))"
else
  fail "KnowledgeFlow example: cross-validation" "$work/kf.out"
fi

(cd "$work" && weka weka.experiment.Experiment -l "$examples/backpropmlp-experiment.xml" -r) \
  >"$work/exp.out" 2>&1 || true
results="$work/backpropmlp-experiment-results.arff"
if [[ -f "$results" ]]; then
  n_mlp=$(grep -c '^[^@%].*,weka\.classifiers\.functions\.BackpropMLP,' "$results" || true)
  n_other=$(grep -c -E '^[^@%].*,weka\.classifiers\.(functions\.Logistic|trees\.J48|rules\.ZeroR),' "$results" || true)
else
  n_mlp=0; n_other=0
fi
if [[ $n_mlp -eq 10 && $n_other -eq 30 ]]; then
  pass "Experimenter example: results ARFF with $n_mlp BackpropMLP rows and $n_other others"
else
  fail "Experimenter example: results ARFF ($n_mlp BackpropMLP rows, $n_other others; want 10 and 30)" "$work/exp.out"
fi

# --- 3. -t iris prints the batch model --------------------------------------------------------
weka weka.Run BackpropMLP -t test-data/iris.arff -no-cv >"$work/iris.out" 2>&1 || true
weka weka.Run BackpropMLP -t test-data/iris.arff -no-cv -force-batch-training >"$work/iris-batch.out" 2>&1 || true
if grep -q '^Architecture: 4-\[' "$work/iris.out"; then
  pass "-t iris: $(grep -m1 '^Architecture: ' "$work/iris.out")"
else
  fail "-t iris: a 4-input network" "$work/iris.out"
fi
strip_startup "$work/iris.out" | grep -v '^Time taken' >"$work/iris.model" || true
strip_startup "$work/iris-batch.out" | grep -v '^Time taken' >"$work/iris-batch.model" || true
if [[ -s "$work/iris.model" ]] && diff -q "$work/iris.model" "$work/iris-batch.model" >/dev/null; then
  pass "-t iris prints the same model as -force-batch-training ($(wc -l <"$work/iris.model") lines)"
else
  diff "$work/iris.model" "$work/iris-batch.model" >"$work/iris.diff" || true
  fail "-t iris prints the same model as -force-batch-training" "$work/iris.diff"
fi

# --- 4. -h: plain ASCII, at most 100 characters a line -----------------------------------------
weka weka.Run BackpropMLP -h >"$work/help.out" 2>&1 || true
strip_startup "$work/help.out" >"$work/help.txt"
long=$(expand "$work/help.txt" | awk 'length($0) > 100' | wc -l)
nonascii=$(LC_ALL=C grep -c '[^ -~	]' "$work/help.txt" || true)
if grep -q -- '-force-batch-training' "$work/help.txt" && [[ $long -eq 0 && $nonascii -eq 0 ]]; then
  pass "-h: $(wc -l <"$work/help.txt") lines, all ASCII and at most 100 characters (tabs expanded)"
else
  fail "-h: $long lines over 100 characters, $nonascii not ASCII" "$work/help.txt"
fi

# --- 5. bad data: the advice comes first ------------------------------------------------------
cat >"$work/string.arff" <<'EOF'
@relation string-attribute
@attribute x numeric
@attribute text string
@attribute class {a,b}
@data
1,'hello',a
2,'world',b
3,'foo',a
4,'bar',b
EOF
cat >"$work/unlabelled.arff" <<'EOF'
@relation all-class-values-missing
@attribute x numeric
@attribute y numeric
@attribute class {a,b}
@data
1,2,?
2,3,?
3,4,?
4,5,?
EOF
cat >"$work/unary.arff" <<'EOF'
@relation unary-class
@attribute x numeric
@attribute y numeric
@attribute class {only}
@data
1,2,only
2,3,only
3,4,only
4,5,only
EOF

# check_advice NAME EXPECTED-TEXT weka.Run-ARGUMENTS...
check_advice() {
  local name="$1" want="$2" out="$work/$1.out"
  shift 2
  (cd "$work" && weka weka.Run BackpropMLP "$@") >"$out" 2>&1 || true
  local first stack
  first="$(first_line "$out")"
  # stack lines before the first non-start-up line (there should be none)
  stack=$(awk "!($is_startup) && NF { exit } /^Exception in thread|^\tat / { n++ } END { print n + 0 }" "$out")
  if [[ "$first" == *"$want"* && $stack -eq 0 ]]; then
    pass "$name: first line is the advice: ${first:0:70}..."
  else
    fail "$name: first line is not the advice (\"$want\"): $first" "$out"
  fi
}
check_advice string-attribute "is a string attribute" -t string.arff
check_advice all-class-missing "no training instance has a value for the class" -t unlabelled.arff
check_advice all-class-missing-no-cv "no training instance has a value for the class" -t unlabelled.arff -no-cv
check_advice unary-class "has a single value" -t unary.arff

finish
