# Shared by bench/accuracy.sh and bench/run.sh's defaults table (source it, do not run it): the
# 27 data sets of doc/accuracy.md's "Accuracy with default options" table, their protocol, the
# build, and one function per learner that runs it with its default options on one set.
#
# Protocol (the same for every learner): 10-fold cross-validation (Weka: stratified, seeds
# 1..R; scikit-learn: StratifiedKFold/KFold, same seeds — the folds differ), repeated 10 times
# for the nine sets under 300 rows (where one 10-fold run moves by a point with the fold
# assignment), once up to 3,000 rows; above that one split: rows whose index is a multiple of 3
# (7 for Fashion-MNIST, = its official test set) are the test set. Times: seconds per 10-fold
# run (or per split) = training plus testing of every fold, data loading excluded; warm JVM
# (CrossValidationTable -warmup: 3 s of the set's own protocol on its first 1,000 rows, so
# that the training folds are of the size class the timed run trains); scikit-learn with one
# OpenBLAS/OpenMP thread and OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for its command alone
# (some environments set them to force an older OpenBLAS kernel; the Java side keeps them).
#
# Callers set: here (bench/), root (project), data (bench/data), and may set sets.

# the 27 sets, in doc/accuracy.md's order of the harness (small to large protocol)
bench_all_sets="iris labor diabetes segment-challenge glass breast-cancer ionosphere vote credit-g soybean unbalanced cpu wine wdbc digits vehicle vowel sonar zoo breast-w boston servo dna satellite shuttle letter fashion"
# Held-out sets: converted in the twelfth session and run once with every learner's defaults,
# after every default had been fixed; none was used to choose anything (bench/README.md,
# "Held-out data sets"). bench/run.sh --defaults-only --sets heldout runs them.
bench_heldout_sets="crabs promoters musk ozone diabetes-progression titanic spambase"
py=/usr/bin/python3

log() { echo "[${log_tag:-bench}] $*" >&2; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}
# CPU steal: of the time the VM's vCPUs wanted to run (busy or stolen; idle left out, so an
# idle second vCPU does not dilute a one-thread run), the share the hypervisor gave to other
# guests. On a shared VM it can reach tens of percent (see bench/README.md), and then timings,
# above all two-thread ones, are not comparable with a quiet run's. steal_mark prints a mark of
# /proc/stat's counters; steal_report LABEL MARK prints the steal since the mark (Linux only).
steal_mark() { awk '/^cpu /{t=0; for(i=2;i<=9;i++) if(i!=5&&i!=6) t+=$i; print $9, t; exit}' /proc/stat 2>/dev/null || echo "0 0"; }
steal_report() { # label, mark from steal_mark
  local now; now="$(steal_mark)"
  awk -v label="$1" -v a="$2" -v b="$now" -v load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" 'BEGIN {
    split(a, x, " "); split(b, y, " "); dt = y[2] - x[2];
    if (dt <= 0) { printf "cpu steal during %s: not measured\n", label; exit }
    pct = 100 * (y[1] - x[1]) / dt;
    printf "cpu steal during %s: %.1f %% of the CPU time the VM wanted (load average %s)%s\n", label, pct, load,
      (pct > 5 ? " -- NOT A QUIET RUN: timings are not comparable with a quiet machine'"'"'s" : "") }'
}
need_deb() { # package(s), test command
  if ! eval "$2" >/dev/null 2>&1; then
    [ "${BENCH_NO_APT:-0}" = 1 ] && { echo "missing $1 and BENCH_NO_APT=1" >&2; exit 1; }
    log "installing Debian package(s) $1"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null \
      || { as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null; }
  fi
}

# Converts the public sets into $data (once): scikit-learn's bundled digits, wine and WDBC;
# mlbench's copies of UCI sets (letter, satellite, shuttle, vehicle, vowel, sonar, DNA, zoo,
# breast-w, Boston housing, servo); Fashion-MNIST from the IDX files bench/run.sh fetches; the
# held-out sets when asked for (R's kernlab, MASS, mlbench and datasets; scikit-learn's
# diabetes regression).
bench_data() { # sets
  mkdir -p "$data"
  need_deb python3-sklearn "$py -c 'import sklearn'"
  [ -s "$data/digits.arff" ] || "$py" "$here/datasets/sklearn2arff.py" "$data" >&2
  if [ ! -s "$data/letter.arff" ]; then
    need_deb "r-base-core r-cran-mlbench" "Rscript -e 'library(mlbench)'"
    Rscript "$here/datasets/mlbench2arff.R" "$data" >&2
  fi
  local s
  for s in $bench_heldout_sets; do # R writes all the held-out sets but scikit-learn's at once
    [ "$s" != diabetes-progression ] || continue
    if [[ " $1 " == *" $s "* ]] && [ ! -s "$data/$s.arff" ]; then
      need_deb "r-base-core r-cran-mlbench r-cran-kernlab r-cran-mass" \
        "Rscript -e 'library(mlbench); library(kernlab); library(MASS)'"
      Rscript "$here/datasets/mlbench2arff.R" "$data" heldout >&2
      break
    fi
  done
  if [[ " $1 " == *" diabetes-progression "* ]] && [ ! -s "$data/diabetes-progression.arff" ]; then
    "$py" "$here/datasets/sklearn2arff.py" "$data" heldout >&2
  fi
  if [[ " $1 " == *" fashion "* ]] && [ ! -s "$data/fashion.arff" ]; then
    [ -s "$data/train-images-idx3-ubyte.gz" ] || { echo "run bench/run.sh --quick once to fetch Fashion-MNIST" >&2; exit 1; }
    "$py" "$here/datasets/fashion2arff.py" "$data" "$data/fashion.arff" >&2
  fi
}
set_path() { if [ -s "$root/test-data/$1.arff" ]; then echo "$root/test-data/$1.arff"; else echo "$data/$1.arff"; fi; }
set_holdout() {
  case "$1" in dna|satellite|shuttle|letter|spambase) echo 3 ;; fashion) echo 7 ;; *) echo 0 ;; esac
}
set_runs() {
  case "$1" in
    iris|labor|glass|breast-cancer|cpu|wine|sonar|zoo|servo|crabs|promoters) echo 10 ;;
    *) echo 1 ;;
  esac
}
set_protocol() { # a label for the table
  local h r; h="$(set_holdout "$1")"; r="$(set_runs "$1")"
  if [ "$h" != 0 ]; then echo "split 1/$h"; elif [ "$r" = 1 ]; then echo "10-fold CV"; else echo "${r}x10 CV"; fi
}
# Why MultilayerPerceptron is not run on a set (empty: it is run).
mlp_not_run() {
  [ "$1" = fashion ] && echo "not run: ~46 h (397 sigmoid units, 500 epochs of per-row updates on 60,000 rows)"
  return 0
}

# Builds the project and sets $bench_cp (classes, test classes, dependencies).
bench_build() {
  local cpfile="$root/target/accuracy-classpath.txt"
  log "building"
  local out; out="$(mktemp "${TMPDIR:-/tmp}/bench-build.XXXXXX")"
  # shellcheck disable=SC2086
  (cd "$root" && mvn -q -B ${BENCH_MVN_OPTS:-} -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$cpfile" >"$out" 2>&1) || { cat "$out" >&2; rm -f "$out"; exit 1; }
  rm -f "$out"
  bench_cp="$root/target/classes:$root/target/test-classes:$(tr ':' '\n' < "$cpfile" | grep -v '\.pom$' | paste -sd:)"
}

# Of two results "acc s cpu ..." of the same learner on the same set, the one whose field COL
# (2 = wall, 3 = CPU seconds) is smaller; an empty result (a failed run) loses. The defaults
# table measures a small set in up to BENCH_REPEATS rounds (set_rounds) and keeps each learner's
# cheapest. Why: on a 2-vCPU VM the two vCPUs need not be equally fast. On the forty-eighth
# session's host a one-thread 10-fold run of cpu took 0.08 s of CPU with the JVM's calling
# thread on one vCPU and 0.13 s on the other, and Linux keeps a thread on the vCPU it started
# on, so each process drew one of two speeds for its run (bench/README.md, "Copies of an
# untrained classifier"). The cheapest of three rounds takes that draw out of every learner's
# figure alike. (Pinning every process to one vCPU was tried: its JIT compiler then shares the
# vCPU during the warm-up and finishes less of its work before the timed runs, which added a
# third to every learner's CPU.) The learners are deterministic for a seed: every round gives
# the same scores.
cheaper() { # result, result, COL
  awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    print (a == "" || (b != "" && y[c] < x[c])) ? b : a
  }'
}

# Rounds of a set in the defaults table: BENCH_REPEATS (default 3) for the sets repeated 10
# times whose first round, every learner included, took under BENCH_REPEAT_UNDER seconds
# (default 60: a few seconds a learner, where the vCPU's speed is most of the difference and
# two more rounds cost little), else 1. The same for every learner of a set.
set_rounds() { # set, seconds the first round took
  if [ "$(set_runs "$1")" = 10 ] && [ "$2" -lt "${BENCH_REPEAT_UNDER:-60}" ]; then
    echo "${BENCH_REPEATS:-3}"
  else
    echo 1
  fi
}

# One Weka classifier with its defaults on one set: prints "accuracy seconds cpu-seconds"
# (accuracy in %, or the correlation for a numeric class; seconds per 10-fold run or split).
weka_cv() { # set, classifier
  local p h r; p="$(set_path "$1")"; h="$(set_holdout "$1")"; r="$(set_runs "$1")"
  # BENCH_WARMUP=steady: warm up on the measured protocol itself until the JIT compiler is quiet
  # (CrossValidationTable -steady), i.e. the steady state of an Experimenter session
  local warm=(-warmup -warmupRows 1000)
  [ "${BENCH_WARMUP:-}" = steady ] && warm=(-steady)
  local args=("${warm[@]}" -cpu -runs "$r" -d "$p" -c "$2")
  [ "$h" = 0 ] || args+=(-holdout "$h")
  java -Xmx8g ${BENCH_JAVA_OPTS:-} -cp "$bench_cp" weka.classifiers.functions.bench.CrossValidationTable "${args[@]}" \
    2>/dev/null | sed -n 2p | awk -F'|' '{gsub(/s/, "", $2); print $2}' | awk '{print $1, $2, $3}'
}

# scikit-learn MLPClassifier/MLPRegressor with its defaults on one set (--scale: with a
# StandardScaler): prints "accuracy seconds cpu-seconds tested-rows".
sklearn_cv() { # set [--scale]
  local p h r; p="$(set_path "$1")"; h="$(set_holdout "$1")"; r="$(set_runs "$1")"
  local hk=(--runs "$r"); [ "$h" = 0 ] || hk=(--holdout "$h")
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$py" "$here/sklearn_table.py" ${2:-} "${hk[@]}" "$p" 2>/dev/null | awk '{gsub(/s$/, "", $4); gsub(/s$/, "", $5); print $3, $4, $5, $6}'
}
