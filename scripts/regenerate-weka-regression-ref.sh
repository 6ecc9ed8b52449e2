#!/usr/bin/env bash
# Rewrites the reference predictions of BackpropMLPWekaSuiteTest (Weka's regression test)
# after an intended change of the model's output, then shows what changed. Commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=src/test/resources/wekarefs/weka/classifiers/functions/BackpropMLPWekaSuiteTest.ref
rm -f "$ref"
mvn -q test -Dtest=BackpropMLPWekaSuiteTest
test -s "$ref"
git --no-pager diff --stat -- "$ref" || true
