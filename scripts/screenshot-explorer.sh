#!/usr/bin/env bash
# Saves the README screenshots of the Weka Explorer under a virtual X display (Xvfb):
#   doc/backpropmlp-options.png  BackpropMLP's property sheet (Classify tab > Choose > BackpropMLP)
#   doc/backpropmlp-curves.png   the "MLP curves" tab after a run with a 20 % validation holdout
# and checks that the Classify result list's right-click menu offers
# Plugins > "BackpropMLP training curves".
#
# With --installed it then repeats the run (without saving images) against the package laid out
# as Weka's package manager installs it (WEKA_HOME/packages/backpropMLP with the jar, lib/,
# Description.props and Explorer.props), with only Weka itself on the class path, so the tab is
# added by the package's Explorer.props and loaded by Weka's package class loader.
#
# Installs xvfb (Debian/Ubuntu, needs root) if xvfb-run is missing.
# Usage: scripts/screenshot-explorer.sh [--installed] [output-dir [driver arguments]]
#   e.g. scripts/screenshot-explorer.sh target/check-1024 --size 1024x768  (a small screen)
set -euo pipefail
cd "$(dirname "$0")/.."
installed=no
if [ "${1:-}" = "--installed" ]; then installed=yes; shift; fi
out=${1:-doc}
if [ $# -gt 0 ]; then shift; fi

if ! command -v xvfb-run >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q xvfb xauth >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q xvfb xauth >/dev/null; }
  else
    echo "xvfb-run not found: install the xvfb package (e.g. sudo apt-get install xvfb)" >&2
    exit 1
  fi
fi

work=target/screenshots
mkdir -p "$work" "$out"
mvn -q -B -DskipTests test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; exit 1; }
# (without pom-only entries, which Weka's class discovery would try to open as jars)
deps=$(tr ':' '\n' <"$work/classpath.txt" | grep -v '\.pom$' | paste -sd:)

# A fresh WEKA_HOME so no package or setting of the user's changes the pictures.
export WEKA_HOME="$PWD/$work/wekahome"
rm -rf "$WEKA_HOME"
mkdir -p "$WEKA_HOME"
jvm=(-Xmx1g -Dweka.packageManager.offline=true -Dawt.useSystemAAFontSettings=lcd -Dswing.aatext=true -Duser.language=en
     -Duser.country=US -Duser.timezone=UTC)
screen="-screen 0 1600x1300x24 -dpi 96"

xvfb-run -a -s "$screen" java "${jvm[@]}" \
  -cp "target/classes:target/test-classes:$deps" weka.gui.explorer.ExplorerScreenshots \
  --out "$out" --explorer-props weka-package/Explorer.props "$@" 2>&1 | grep -v -e ARPACK -e '^WARNING: Failed to load implementation'

if [ "$installed" = yes ]; then
  mvn -q -B -DskipTests package >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; exit 1; }
  jar=$(ls target/backpropMLP-*.jar | grep -v -e sources -e javadoc | head -1)
  pkg="$WEKA_HOME/packages/backpropMLP"
  rm -rf "$WEKA_HOME"; mkdir -p "$pkg/lib"
  cp "$jar" "$pkg/"
  cp weka-package/Explorer.props "$pkg/"
  tr ':' '\n' <<<"$deps" | grep -e commons-math3 | xargs -I{} cp {} "$pkg/lib/"
  cat >"$pkg/Description.props" <<'PROPS'
PackageName=backpropMLP
Version=2.0.0
Date=2026-01-01
Title=Multilayer perceptron trained by backpropagation (screenshot check)
Category=Classification
Author=backpropMLP authors
Maintainer=backpropMLP authors
License=GPL 3.0
Description=Local layout used by scripts/screenshot-explorer.sh --installed.
PackageURL=file:///dev/null
URL=file:///dev/null
Depends=weka (>=3.8.0)
PROPS
  # Weka and its own dependencies only: the package's classes come from WEKA_HOME.
  wekacp=$(tr ':' '\n' <<<"$deps" | grep -v -e commons-math3 -e junit -e opentest4j -e apiguardian \
    -e weka-stable-3.8.6-tests | paste -sd:)
  mkdir -p "$work/driver/weka/gui/explorer"
  cp target/test-classes/weka/gui/explorer/ExplorerScreenshots*.class "$work/driver/weka/gui/explorer/"
  xvfb-run -a -s "$screen" java "${jvm[@]}" \
    --add-opens=java.base/sun.net.www.protocol.jar=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -cp "$work/driver:$wekacp" weka.gui.explorer.ExplorerScreenshots --no-images \
    2>&1 | grep -v -e ARPACK -e '^WARNING: Failed to load implementation'
fi
