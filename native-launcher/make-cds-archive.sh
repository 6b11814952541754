#!/bin/sh
# make-cds-archive.sh IMAGE_DIR [TRAINING.wav]
#
# (Re)makes the app image's AppCDS archive, IMAGE_DIR/lib/app/gpvoice.jsa, with the image's own runtime and JVM
# options: a training render lists every class it loads (-XX:DumpLoadedClassList), then -Xshare:dump writes a
# static archive of them all, the JDK's and gpvoice's with its libraries. The image's launchers map it with
# -XX:SharedArchiveFile instead of reading, parsing and verifying those classes again at every start.
#
# Why not the dynamic archive of -XX:ArchiveClassesAtExit: on JDK 17 it leaves out classes compiled for Java 5
# (class file version 49), and picocli and Commons Math are: it covered 296 classes against the static
# archive's ~1390 and saved 6 ms of start-up against 61 ms; and renders with it ran the fit about 4x slower
# (docs/BENCHMARKS.md, "Start-up (native-launcher)").
#
# The archive records the jar's absolute path, size and time: a JVM given an archive that does not match (the
# image moved, or the jar replaced) silently runs without any class sharing, slower than with none given, until
# this script runs again; install.sh does that in the place it installs to.
# TRAINING.wav defaults to the repository's docs/examples/LJ001-0002.wav (1.9 s).
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: make-cds-archive.sh IMAGE_DIR [TRAINING.wav]" >&2
  exit 2
fi
here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
image=$(cd -P -- "$1" && pwd -P)
training=${2:-$here/../docs/examples/LJ001-0002.wav}

java=$image/lib/runtime/bin/java
app=$image/lib/app
if [ ! -x "$java" ] || [ ! -r "$app/gpvoice.jar" ]; then
  echo "make-cds-archive.sh: $image is not a gpvoice app image (no lib/runtime/bin/java or lib/app/gpvoice.jar)" >&2
  exit 2
fi
[ -r "$training" ] || { echo "make-cds-archive.sh: cannot read the training clip $training" >&2; exit 2; }

# The same JVM options the launchers use (collector, heap, ...): the launcher script prints them for the
# image's runtime. The archive is made without -XX:SharedArchiveFile, which would name its base archive here.
launcher=$app/../../bin/gpvoice.sh
[ -x "$launcher" ] || launcher=$here/gpvoice
opts=$(
  unset GPVOICE_JAVA_OPTS GPVOICE_GC
  GPVOICE_JAVA_HOME=$image/lib/runtime GPVOICE_JAR=$app/gpvoice.jar GPVOICE_PRINT_JVM_OPTIONS=1 "$launcher"
)

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
rm -f -- "$app/gpvoice.jsa"
fail() {
  cat "$work/log" >&2
  echo "make-cds-archive.sh: $1" >&2
  exit 1
}
# shellcheck disable=SC2086 # one option a word
"$java" $opts -XX:DumpLoadedClassList="$work/classes.lst" -cp "$app/gpvoice.jar" org.gpvoice.Main \
  render --quiet "$training" "$work/out.wav" >"$work/log" 2>&1 || fail "the training render failed"
# Warnings about classes that cannot be archived (dynamic proxies, a few lambdas) are expected: those are loaded
# as usual at run time.
# shellcheck disable=SC2086
"$java" $opts -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/gpvoice.jsa" \
  -cp "$app/gpvoice.jar" >"$work/log" 2>&1 || fail "-Xshare:dump failed"
[ -s "$work/gpvoice.jsa" ] || fail "no archive was written"
mv -f -- "$work/gpvoice.jsa" "$app/gpvoice.jsa"
echo "CDS archive: $app/gpvoice.jsa ($(($(wc -c <"$app/gpvoice.jsa") / 1024)) KiB, $(grep -c -v '^@' "$work/classes.lst") classes listed)"
