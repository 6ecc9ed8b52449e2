#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, training BackpropMLP (issue 19).
#
#   scripts/spark-cluster.sh [options] [-- BackpropMLP options]
#
# Starts one master and two workers, each its own JVM (1 core, small heap), from the Spark jars
# Maven resolves (scripts/spark-cluster/pom.xml: the Spark version the project tests against;
# no Spark download), and submits weka.classifiers.functions.spark.ClusterTrainingJob with
# Spark's own SparkSubmit: distributedWekaBase's map task per partition file, its reduce task
# on the driver, further rounds from the aggregate. BackpropMLP's package jars (from the package
# zip, as a Weka package install lays them out) reach the executors only through --jars.
#
# The job runs twice on the same data: without failures, then (unless --no-kill) with one
# worker's executor process killed (SIGKILL, by pid) while it is half-way through a task of round
# --kill-round; Spark re-runs the lost tasks. Both runs print a SHA-256 fingerprint of the final
# model's parameters and its holdout accuracy: equal fingerprints = bit-for-bit the same model.
# Peak RSS (VmHWM) of every process is sampled and printed. Everything the script starts is
# stopped by pid when it ends, however it ends, and a ps check confirms nothing is left.
#
# Options (defaults: the small run, about 2 minutes on 2 cores):
#   --rows N          training rows (100000)          --attributes N  inputs per row (100)
#   --partitions N    partition files (4)             --rounds N      rounds (3)
#   --kill-round N    round whose task is interrupted (2)
#   --no-kill         only the fault-free run         --only-kill     only the run with the kill
#   --dir DIR         scratch dir (/tmp/spark-cluster); data in DIR/data-<rows>x<attributes>-<partitions>
#   --delete-data     delete the generated data when done
#   --executor-memory M (512m)   --driver-memory M (512m)   --daemon-memory M (256m)
# BackpropMLP options default to: -hidden 64 -epochs 3 -lr 0.001 -threads 1
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=100000 attributes=100 partitions=4 rounds=3 kill_round=2
runs="clean kill" dir=/tmp/spark-cluster delete_data=0
executor_memory=512m driver_memory=512m daemon_memory=256m
mlp=(-hidden 64 -epochs 3 -lr 0.001 -threads 1)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --attributes) attributes=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --kill-round) kill_round=$2; shift 2 ;;
    --no-kill) runs="clean"; shift ;;
    --only-kill) runs="kill"; shift ;;
    --dir) dir=$2; shift 2 ;;
    --delete-data) delete_data=1; shift ;;
    --executor-memory) executor_memory=$2; shift 2 ;;
    --driver-memory) driver_memory=$2; shift 2 ;;
    --daemon-memory) daemon_memory=$2; shift 2 ;;
    --) shift; mlp=("$@"); break ;;
    *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if (( kill_round < 1 || kill_round > rounds )); then
  echo "--kill-round $kill_round is not one of the $rounds rounds" >&2; exit 2
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
home="$dir/spark-home"            # the SPARK_HOME the workers build executor commands from
data="$dir/data-${rows}x${attributes}-${partitions}"
logs="$dir/logs"
rm -rf "$logs" "$dir/work" "$dir/marks" "$dir/local"
mkdir -p "$logs" "$dir/work" "$dir/marks" "$dir/local"

pids=()                            # every process started here, stopped by pid on exit
sampler=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # executors are children of the workers: collect them before the workers go
  local all=("${pids[@]}")
  for p in "${pids[@]}"; do
    for c in $(pgrep -P "$p" 2>/dev/null || true); do all+=("$c"); done
  done
  [[ -n "$sampler" ]] && all+=("$sampler")
  for p in "${all[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for p in "${all[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.2
  done
  for p in "${all[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  local left=""
  for p in "${all[@]}"; do
    if ps -p "$p" >/dev/null 2>&1; then left+=" $p"; fi
  done
  if [[ -n "$left" ]]; then
    echo "LEFT RUNNING:$left" >&2; status=1
  else
    echo "stopped all ${#all[@]} processes this script started (ps -p finds none of:${all[*]/#/ })"
  fi
  if (( delete_data )); then rm -rf "$data"; echo "deleted $data"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mvn_offline() { mvn -B -ntp -o -q "$@" || mvn -B -ntp -q "$@"; }

echo "== building BackpropMLP's package, the job's classes and the Spark jars"
(cd "$repo" && mvn_offline -DskipTests package)
mkdir -p "$home/conf"
mvn_offline -f "$repo/scripts/spark-cluster/pom.xml" package -Dout="$home"
cp "$repo/scripts/spark-cluster/log4j2.properties" "$home/conf/"
# the package zip unpacked the way Weka's package manager installs it
pkg="$dir/package/backpropMLP"
rm -rf "$pkg" && mkdir -p "$pkg"
(cd "$pkg" && jar xf "$repo"/target/backpropMLP-*.zip)
job_jar="$dir/cluster-job.jar"
jar cf "$job_jar" -C "$repo/target/test-classes" weka/classifiers/functions/spark
ship="$(ls "$home"/app-jars/*.jar "$pkg"/*.jar "$pkg"/lib/*.jar | paste -sd,)"

opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED)
spark_cp="$home/conf:$home/jars/*"
# Weka's own home (its package manager creates it on first use) kept apart from the user's
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 WEKA_HOME="$dir/weka-home"

if [[ ! -s "$data/holdout.csv" ]]; then
  echo "== generating $rows rows x $attributes attributes in $partitions partitions"
  java -Xmx1g -cp "$home/app-jars/*:$repo/target/test-classes" \
    weka.classifiers.functions.spark.SyntheticRows "$data" "$rows" "$attributes" "$partitions"
fi
du -sh "$data"

# peak RSS: VmHWM of every process, sampled until it exits (a process's own high-water mark)
rss_file="$dir/peak-rss.txt"
: > "$rss_file"
roles="$dir/roles.txt"
: > "$roles"
sample_rss() {
  declare -A peak
  while true; do
    while read -r pid role; do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      if [[ -n "$hwm" ]]; then peak["$pid $role"]=$hwm; fi
    done < "$roles"
    for k in "${!peak[@]}"; do echo "$k ${peak[$k]}"; done > "$rss_file.new"
    mv "$rss_file.new" "$rss_file"
    sleep 0.5
  done
}

port=7177
echo "== starting the master and two workers (1 core each, -Xmx$daemon_memory)"
java -Xmx"$daemon_memory" "${opens[@]}" -cp "$spark_cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$logs/master.log" 2>&1 &
pids+=($!); echo "$! master" >> "$roles"
for _ in $(seq 120); do grep -q "I have been elected leader" "$logs/master.log" && break; sleep 0.5; done
workers=()
for w in 1 2; do
  java -Xmx"$daemon_memory" "${opens[@]}" -cp "$spark_cp" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --port 0 --webui-port 0 --work-dir "$dir/work/worker-$w" \
    "spark://127.0.0.1:$port" > "$logs/worker-$w.log" 2>&1 &
  pids+=($!); workers+=($!); echo "$! worker-$w" >> "$roles"
done
for w in 1 2; do
  for _ in $(seq 120); do grep -q "Successfully registered with master" "$logs/worker-$w.log" && break; sleep 0.5; done
  grep -q "Successfully registered with master" "$logs/worker-$w.log" \
    || { echo "worker $w did not register, see $logs/worker-$w.log" >&2; exit 1; }
done
echo "master pid ${pids[0]}, workers pids ${workers[*]}"
sample_rss & sampler=$!

# kills worker 1's executor once it has read half of its first partition of round $kill_round
killer() {
  local exec_pid="" exec_id="" marker=""
  for _ in $(seq 1200); do
    exec_pid=$(pgrep -P "${workers[0]}" java | head -1 || true)
    [[ -n "$exec_pid" ]] && break; sleep 0.1
  done
  exec_id=$(tr '\0' ' ' < "/proc/$exec_pid/cmdline" | sed -n 's/.*--executor-id \([0-9]*\).*/\1/p')
  for _ in $(seq 36000); do
    marker=$(ls "$dir/marks" | grep "^round-$kill_round-exec-$exec_id-" | head -1 || true)
    [[ -n "$marker" ]] && break; sleep 0.05
  done
  kill -9 "$exec_pid"
  echo "KILLED worker 1's executor $exec_id (pid $exec_pid, SIGKILL) at $(date +%T), mid-task: $marker"
}

summary="$dir/summary.txt"
: > "$summary"
for run in $runs; do
  echo "== run '$run': $rows rows, $partitions partitions, $rounds rounds, 2 executors -Xmx$executor_memory"
  rm -f "$dir/marks"/*
  mark=()
  if [[ $run == kill ]]; then
    half=$(( rows / partitions / 2 ))
    mark=(--mark "$dir/marks" "$kill_round" "$half")
    killer > "$logs/killer.log" 2>&1 & pids+=($!)
  fi
  start=$(date +%s.%N)
  java -Xmx"$driver_memory" "${opens[@]}" -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$port" --deploy-mode client --name "backpropmlp-$run" \
    --class weka.classifiers.functions.spark.ClusterTrainingJob --jars "$ship" \
    --conf spark.executor.memory="$executor_memory" --conf spark.executor.cores=1 \
    --conf spark.cores.max=2 --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
    --conf spark.local.dir="$dir/local" --conf spark.ui.showConsoleProgress=false \
    "$job_jar" "$data" "$partitions" "$rounds" "$attributes" "${mark[@]}" -- "${mlp[@]}" \
    > "$logs/driver-$run.out" 2> "$logs/driver-$run.err" &
  driver=$!; pids+=($driver); echo "$driver driver-$run" >> "$roles"
  # executors are the workers' child processes; register them for the RSS sampler as they appear
  while kill -0 "$driver" 2>/dev/null; do
    for w in 1 2; do
      for e in $(pgrep -P "${workers[$((w - 1))]}" java || true); do
        grep -q "^$e " "$roles" || echo "$e executor-$run-worker-$w" >> "$roles"
      done
    done
    sleep 0.3
  done
  wait "$driver" || { echo "driver failed:"; tail -30 "$logs/driver-$run.err"; exit 1; }
  end=$(date +%s.%N)
  cat "$logs/driver-$run.out"
  [[ $run == kill ]] && cat "$logs/killer.log"
  printf 'wall time of the run (spark-submit to exit): %.1f s\n' "$(echo "$end - $start" | bc)"
  grep RESULT "$logs/driver-$run.out" | sed "s/^RESULT/$run/" >> "$summary"
  sleep 1.5   # the executors exit with the application: let the sampler see their last VmHWM
done

echo "== peak RSS (VmHWM, MB)"
sort -k2 "$rss_file" | awk '{printf "%-28s pid %-8s %6.0f MB\n", $2, $1, $3 / 1024}'
echo "== fingerprints"
cat "$summary"
if [[ $(wc -l < "$summary") -eq 2 ]]; then
  if [[ $(sed 's/.*fingerprint=//' "$summary" | sort -u | wc -l) -eq 1 ]]; then
    echo "SAME MODEL: the run with the killed executor ends bit-for-bit where the fault-free run does"
  else
    echo "DIFFERENT MODELS"; exit 1
  fi
fi
