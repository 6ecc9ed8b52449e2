#!/usr/bin/env bash
# Performance harness for BackpropMLP: one run prints every table of bench/README.md.
#
#   bench/run.sh            full run: the performance tables (about 3-4 minutes on the 2-core
#                           reference machine), then the defaults table: about 1 h 10 min on the
#                           quiet machine (estimated from the sets' times; MultilayerPerceptron
#                           about 40 min of it, Fashion-MNIST about 10); 5-10x that under a load
#                           of 20-30 (nine small sets took 49 min)
#   bench/run.sh --quick    fewer rows and epochs, and the defaults table on iris and cpu only,
#                           to check that everything works
#   bench/run.sh --defaults-only [--sets "iris vowel"] [--no-mlp]
#                           the defaults table alone (on these sets; without MultilayerPerceptron);
#                           --sets heldout: the seven held-out sets instead of the 27
#                           (bench/README.md, "Held-out data sets")
#   bench/run.sh --no-defaults   the performance tables alone
#   bench/run.sh --vector   java with --add-modules jdk.incubator.vector: the kernel's Vector API
#                           path (same bits); the kernel table then shows both paths
#
# Defaults table (issue 18, last section; bench/defaults.sh says how it judges): the 27 sets of
# doc/accuracy.md, each learner with its own defaults (BackpropMLP, scikit-learn with and
# without a StandardScaler, MultilayerPerceptron), accuracy, wall and CPU seconds, and per set
# MET/MISSED for "no more cost than scikit-learn's defaults at equal or better accuracy" and
# "at most a third of MultilayerPerceptron's". Data and learners as bench/accuracy.sh (shared
# code in bench/common.sh); BENCH_COST=wall judges on wall-clock seconds instead of CPU.
#
# Steps: fetch Fashion-MNIST from Debian's dataset-fashion-mnist package into bench/data/
# (git-ignored) unless it is there; optionally install Debian's python3-numpy and
# python3-sklearn (OpenBLAS) and measure the reference figures with bench/reference.py;
# build the project; measure one core's vector multiply-add ceiling (bench/FmaCeiling.java);
# run weka.classifiers.functions.bench.TrainingBenchmark with -Xmx2g.
#
# Environment: BENCH_NO_APT=1 never calls apt-get; BENCH_NO_PYTHON=1 skips the Python
# references; BENCH_PYTHON=/path/to/python3 picks the interpreter that has numpy/sklearn;
# BENCH_JAVA_OPTS adds JVM options (the published figures use none besides -Xmx2g);
# BENCH_KEEP_OPENBLAS_ENV=1 keeps OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for the reference command
# (by default they are unset for that command alone: some environments set them to force an
# older OpenBLAS kernel, which slows a current numpy; nothing else in this script uses them).
#
# Both sides train the same problem: 784-64-10, mini-batch 32, L2 penalty l2 (sklearn's
# alpha = l2 x batch), constant step size; SGD with momentum 0.9 at lr_sgd, Adam at lr_adam.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$here/data"
quick=0
defaults=1 defaults_only=0 defaults_mlp=1 defaults_sets=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --defaults-only) defaults_only=1 ;;
    --no-defaults) defaults=0 ;;
    --sets) defaults_sets="$2"; shift ;;
    --no-mlp) defaults_mlp=0 ;;
    --vector) BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} --add-modules jdk.incubator.vector" ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# log, as_root and the defaults table's data sets and learners (bench/common.sh, bench/defaults.sh)
# shellcheck source=bench/common.sh
. "$here/common.sh"
# shellcheck source=bench/defaults.sh
. "$here/defaults.sh"

# The defaults table section (issue 18): every set of doc/accuracy.md's table unless --sets.
defaults_section() {
  local sets="$defaults_sets"
  [ -n "$sets" ] || { [ "$quick" = 1 ] && sets="iris cpu"; } || sets="$bench_all_sets"
  [ "$sets" != heldout ] || sets="$bench_heldout_sets"
  log "defaults table on: $sets"
  local mark; mark="$(steal_mark)"
  defaults_table "$sets" "$defaults_mlp"
  steal_report "the defaults table" "$mark"
}

# ---------------------------------------------------------------------------------------------
# 1. Data: the four IDX files of Fashion-MNIST (Xiao, Rasul & Vollgraf 2017)
# ---------------------------------------------------------------------------------------------
files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
have_data() { for f in "${files[@]}"; do [ -s "$data/$f" ] || return 1; done; }
if ! have_data; then
  mkdir -p "$data"
  if [ -d /usr/share/datasets/fashion-mnist ]; then
    log "copying Fashion-MNIST from the installed dataset-fashion-mnist package"
    for f in "${files[@]}"; do cp /usr/share/datasets/fashion-mnist/"$f" "$data/"; done
  else
    [ "${BENCH_NO_APT:-0}" = 1 ] && { echo "bench/data lacks Fashion-MNIST and BENCH_NO_APT=1" >&2; exit 1; }
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    log "downloading Debian package dataset-fashion-mnist"
    (cd "$tmp" && apt-get download dataset-fashion-mnist >/dev/null 2>&1) \
      || (cd "$tmp" && as_root apt-get update -qq >/dev/null 2>&1 && apt-get download dataset-fashion-mnist >/dev/null) \
      || { echo "could not download dataset-fashion-mnist; put the four IDX .gz files into $data" >&2; exit 1; }
    dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/x"
    for f in "${files[@]}"; do cp "$tmp/x/usr/share/datasets/fashion-mnist/$f" "$data/"; done
    rm -rf "$tmp"
    trap - EXIT
  fi
fi
have_data || { echo "Fashion-MNIST files missing in $data" >&2; exit 1; }
log "data: $(cd "$data" && ls | tr '\n' ' ')"

# --defaults-only: straight to the defaults table (last section)
if [ "$defaults_only" = 1 ]; then defaults_section; exit 0; fi

# ---------------------------------------------------------------------------------------------
# 2. Reference figures: numpy/OpenBLAS dgemm and scikit-learn MLPClassifier (optional)
# ---------------------------------------------------------------------------------------------
if [ "$quick" = 1 ]; then rows=2000; test_rows=2000; epochs=1; else rows=10000; test_rows=10000; epochs=3; fi
# the training problem both sides share (passed to reference.py and to the Java harness)
batch=32; l2=0.01; lr_sgd=0.01; lr_adam=0.001; momentum=0.9
same=(--batch "$batch" --l2 "$l2" --lr-sgd "$lr_sgd" --lr-adam "$lr_adam" --momentum "$momentum")
ref="$(mktemp "${TMPDIR:-/tmp}/bench-reference.XXXXXX")"
cleanup() { rm -f "$ref"; }
trap cleanup EXIT
py="${BENCH_PYTHON:-}"
if [ -z "$py" ]; then
  # Debian's python3-numpy/python3-sklearn live in the system interpreter, not in a
  # pyenv/virtualenv python3 that may come first on the PATH.
  if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py="$(command -v python3 || true)"; fi
fi
if [ "${BENCH_NO_PYTHON:-0}" = 1 ]; then
  echo "note skipped (BENCH_NO_PYTHON=1)" >"$ref"
elif [ -z "$py" ]; then
  echo "note no python3 found" >"$ref"
else
  if ! "$py" -c 'import numpy, sklearn' 2>/dev/null; then
    if [ "${BENCH_NO_APT:-0}" != 1 ]; then
      log "installing python3-numpy, python3-sklearn, python3-threadpoolctl and OpenBLAS from Debian"
      pkgs=(python3-numpy python3-sklearn python3-threadpoolctl libopenblas0-pthread)
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 \
        || { as_root apt-get update -qq >/dev/null 2>&1 \
             && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; } \
        || log "could not install them (not root, or no package access): skipping the Python references"
    fi
  fi
  if "$py" -c 'import numpy' 2>/dev/null; then
    # The reference command alone runs without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, so that
    # OpenBLAS picks the kernel for this CPU; reference.py reports the kernel it got.
    unset_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
    if [ "${BENCH_KEEP_OPENBLAS_ENV:-0}" = 1 ]; then
      unset_env=(env)
      log "reference command keeps OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}" \
          "OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} (BENCH_KEEP_OPENBLAS_ENV=1)"
      echo "reference_env kept OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} (BENCH_KEEP_OPENBLAS_ENV=1)" >>"$ref"
    else
      log "reference command runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset" \
          "(were ${OPENBLAS_CORETYPE:-(unset)} and ${OPENBLAS_L2_SIZE:-(unset)}; for this command only)"
      echo "reference_env unset OPENBLAS_CORETYPE (was ${OPENBLAS_CORETYPE:-unset}) and OPENBLAS_L2_SIZE (was ${OPENBLAS_L2_SIZE:-unset}) for the reference command only" >>"$ref"
    fi
    ref_mark="$(steal_mark)"
    for t in 1 2; do
      log "numpy/OpenBLAS and scikit-learn references (SGD and Adam), $t BLAS thread(s)"
      "${unset_env[@]}" OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t \
        "$py" "$here/reference.py" --data "$data" --threads "$t" --rows "$rows" \
        --test-rows "$test_rows" --epochs "$epochs" "${same[@]}" \
        $([ "$quick" = 1 ] && echo --quick) >>"$ref" \
        || log "reference.py failed with $t thread(s)"
      log "  $(grep "^blas_info_t$t " "$ref" | cut -d' ' -f2- || true)"
    done
    ref_steal="$(steal_report "the scikit-learn references" "$ref_mark")"
    log "$ref_steal"
  else
    echo "note numpy is not available to $py" >>"$ref"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 3. Build and run the Java harness
# ---------------------------------------------------------------------------------------------
cd "$root"
log "building (mvn -q -DskipTests test-compile)"
cpfile="$(mktemp "${TMPDIR:-/tmp}/bench-classpath.XXXXXX")"
buildlog="$(mktemp "${TMPDIR:-/tmp}/bench-build.XXXXXX")"
trap 'cleanup; rm -f "$cpfile" "$buildlog"' EXIT
# Maven's output is kept out of the report unless the build fails
if ! mvn -B -q -DskipTests test-compile >"$buildlog" 2>&1 \
    || ! mvn -B -q dependency:build-classpath -DincludeScope=test \
         -Dmdep.outputFile="$cpfile" >>"$buildlog" 2>&1; then
  cat "$buildlog" >&2
  exit 1
fi
args=(--data "$data" --reference "$ref" "${same[@]}")
[ "$quick" = 1 ] && args+=(--quick)
# What one core's multiply-adds really reach at the JVM's widest vectors (bench/FmaCeiling.java,
# in its own JVM with the incubating Vector API): some cores lower their clock under wide vectors,
# so the harness prints the kernel's share of this ceiling beside its share of the nominal peak.
fma_ceiling="$(java --add-modules jdk.incubator.vector "$here/FmaCeiling.java" 2>/dev/null \
  | awk '/^ceiling /{print $2}' || true)"
log "FMA ceiling of one core (bench/FmaCeiling.java): ${fma_ceiling:-not measured} GFLOP/s"
log "running the harness (java -Xmx2g)"
harness_mark="$(steal_mark)"
# shellcheck disable=SC2086
java -Xmx2g ${BENCH_JAVA_OPTS:-} ${fma_ceiling:+-Dbench.fmaCeiling=$fma_ceiling} \
  -cp "target/test-classes:target/classes:$(cat "$cpfile")" \
  weka.classifiers.functions.bench.TrainingBenchmark "${args[@]}"
# the machine's state during both sides' measurements, printed under the targets table
echo
[ -n "${ref_steal:-}" ] && echo "$ref_steal"
steal_report "the Java harness" "$harness_mark"

# ---------------------------------------------------------------------------------------------
# Sparse row (issue 16): s/epoch of BackpropMLP on a synthetic two-class bag-of-words (5,000 x
# 20,000, 90 non-zeros per row, SparseInstances) and its ratio to Weka's SGD on the same data,
# both measured here (CPU of one thread); see SparseRouteBench and bench/README.md.
# ---------------------------------------------------------------------------------------------
log "sparse row (SparseRouteBench row, java -Xmx1g)"
sparse_mark="$(steal_mark)"
# shellcheck disable=SC2046,SC2086
java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$cpfile")" \
  weka.classifiers.functions.bench.SparseRouteBench row $([ "$quick" = 1 ] && echo --quick)
steal_report "the sparse row" "$sparse_mark"

# ---------------------------------------------------------------------------------------------
# Defaults table (issue 18): see bench/defaults.sh; --no-defaults skips it.
# ---------------------------------------------------------------------------------------------
if [ "$defaults" = 1 ]; then defaults_section; fi
