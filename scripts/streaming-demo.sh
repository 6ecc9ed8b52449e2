#!/usr/bin/env bash
# Streams a 1,000,000 x 100 synthetic ARFF file through BackpropMLP with Weka's own command
# line in a 512 MB heap: as an UpdateableClassifier it is trained row by row from the file
# (never loaded whole), then evaluated on a separate 20,000-row test file.
# Usage: scripts/streaming-demo.sh [rows] [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dir=${2:-target/streaming}
mkdir -p "$dir"
mvn -q -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$dir/classpath.txt" >/dev/null
# (Weka's dependencies include a .pom file, which its class discovery would report as a bad zip)
cp="target/classes:target/test-classes:$(tr ':' '\n' < "$dir/classpath.txt" | grep -v '\.pom$' | paste -sd:)"
if [ ! -s "$dir/train.arff" ]; then
  java -cp "$cp" weka.classifiers.functions.bench.SyntheticArff "$dir/train.arff" "$rows" 100 1
  java -cp "$cp" weka.classifiers.functions.bench.SyntheticArff "$dir/test.arff" 20000 100 2
fi
ls -l "$dir"/*.arff
start=$(date +%s.%N)
/usr/bin/time -v java -Xmx512m -cp "$cp" weka.classifiers.functions.BackpropMLP \
  -t "$dir/train.arff" -T "$dir/test.arff" -hidden 64 -threads 2 -epochs 20 -o -v \
  > "$dir/output.txt" 2> "$dir/time.txt"
end=$(date +%s.%N)
grep -v ARPACK "$dir/output.txt" | sed -n '/Error on test data/,/Total Number/p'
grep -E "Maximum resident set size|Elapsed \(wall" "$dir/time.txt"
echo "wall seconds: $(echo "$end - $start" | bc)"
