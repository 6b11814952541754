#!/bin/sh
# build-app-image.sh [--no-cds]
#
# Builds a self-contained gpvoice app image, target/app-image/gpvoice/, from target/gpvoice.jar (build that
# first: mvn -B package -DskipTests):
#
#   bin/gpvoice          jpackage's native launcher, the JVM options below baked in (lib/app/gpvoice.cfg)
#   bin/gpvoice.sh       the launcher script (native-launcher/gpvoice): same runtime, options and archive, the
#                        options chosen at each start, honours GPVOICE_JAVA_OPTS; about 90 ms faster to start
#                        than bin/gpvoice, which on JDK 17 runs rpm -qf and dpkg -S twice at every start to learn
#                        whether it came from a package. install.sh puts this one on PATH.
#   lib/runtime/         a jlink'd Java runtime holding only the modules gpvoice needs, with its default CDS
#                        archive (jlink --generate-cds-archive)
#   lib/app/gpvoice.jar  the application
#   lib/app/gpvoice.jsa  AppCDS archive of the classes a render loads (make-cds-archive.sh; not with --no-cds)
#
# The JDK used: $GPVOICE_JDK, else $JAVA_HOME, else the one jpackage on PATH belongs to. It must be 17 or newer
# and have jmods/ (Debian's openjdk-17-jdk does; some JDK 24+ builds ship without them). The runtime bundled is
# that JDK's version. Takes about 15 s.
set -eu

cds=yes
case ${1:-} in
  --no-cds) cds=no ;;
  "") ;;
  *) echo "usage: build-app-image.sh [--no-cds]" >&2; exit 2 ;;
esac

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=$(cd -P -- "$here/.." && pwd -P)
jar=$repo/target/gpvoice.jar
out=$repo/target/app-image
image=$out/gpvoice
stage=$repo/target/app-image-build

say() { printf '== %s\n' "$*"; }
die() {
  printf 'build-app-image.sh: %s\n' "$@" >&2
  exit 1
}

[ -r "$jar" ] || die "$jar is missing: build it first, in $repo:" "  mvn -B package -DskipTests"

# ---- the JDK ----------------------------------------------------------------------------------------------------
jdk=${GPVOICE_JDK:-${JAVA_HOME:-}}
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jpackage" ]; then
  [ -z "${GPVOICE_JDK:-}" ] || die "GPVOICE_JDK=$GPVOICE_JDK has no bin/jpackage: point it at a JDK 17+."
  jp=$(command -v jpackage) || die "no jpackage found: set GPVOICE_JDK (or JAVA_HOME) to a JDK 17+ that has it."
  jp=$(readlink -f -- "$jp" 2>/dev/null || printf '%s' "$jp")
  jdk=$(cd -P -- "$(dirname -- "$jp")/.." && pwd -P)
fi
for tool in java jlink jdeps jpackage; do
  [ -x "$jdk/bin/$tool" ] || die "$jdk has no bin/$tool: gpvoice's app image needs a full JDK 17+."
done
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jdk/release" 2>/dev/null || true)
jdk_major=${jdk_version%%[!0-9]*}
if [ -z "$jdk_major" ] || [ "$jdk_major" -lt 17 ]; then
  die "$jdk is Java ${jdk_version:-of unknown version}: jpackage and the runtime need 17+."
fi
[ -d "$jdk/jmods" ] || die "$jdk has no jmods/ folder, which jlink needs (install the JDK's jmods, e.g. Debian's" \
  "openjdk-17-jdk-headless, or point GPVOICE_JDK at a JDK that has them)."
say "JDK $jdk_version at $jdk"

rm -rf -- "$stage" "$image"
mkdir -p -- "$stage/input" "$out"
# A copy: the jar in target/ may be rebuilt while this runs.
cp -- "$jar" "$stage/input/gpvoice.jar"

# ---- the runtime ------------------------------------------------------------------------------------------------
# jdeps finds what the classes use; some are only reached by reflection or through service lookups, so these are
# always added: java.desktop (javax.sound.sampled, WAV I/O), java.management and jdk.management
# (com.sun.management.ThreadMXBean: per-thread CPU time and allocated bytes in `bench`), jdk.unsupported
# (sun.misc.Unsafe, which libraries probe for).
found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$jdk_major" "$stage/input/gpvoice.jar")
modules=$(printf '%s\n' "$found" java.desktop java.management jdk.management jdk.unsupported | tr ',' '\n' \
  | sed '/^$/d' | sort -u | paste -s -d ',' -)
say "modules: $modules (jdeps found: $found)"
# --strip-debug drops the JDK classes' debug attributes (gpvoice's own jar keeps its line numbers); no --compress:
# a compressed modules file is smaller but slower to start from.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/runtime" >"$stage/jlink.log" 2>&1 || {
  cat "$stage/jlink.log" >&2
  die "jlink failed"
}

# ---- JVM options ------------------------------------------------------------------------------------------------
# The launcher script's defaults for the bundled runtime, one a line (see native-launcher/gpvoice for why each).
# They are chosen on this machine: transparent huge pages are asked for only where the kernel offers them.
opts=$(
  unset GPVOICE_JAVA_OPTS GPVOICE_GC
  XDG_CACHE_HOME=$stage/cache GPVOICE_JAVA_HOME=$stage/runtime GPVOICE_JAR=$stage/input/gpvoice.jar \
    GPVOICE_PRINT_JVM_OPTIONS=1 "$here/gpvoice"
)
set --
for opt in $opts; do
  set -- "$@" --java-options "$opt"
done
if [ "$cds" = yes ]; then
  # $APPDIR is lib/app at run time. An archive that cannot be used (missing, moved, other JVM) is skipped
  # silently: -Xshare:auto, and the JVM's CDS warnings off.
  # shellcheck disable=SC2016 # $APPDIR is for jpackage's launcher, not for this shell
  set -- "$@" --java-options '-XX:SharedArchiveFile=$APPDIR/gpvoice.jsa' \
    --java-options -Xlog:cds=off --java-options -Xlog:cds+dynamic=off
fi
say "JVM options: $(printf '%s' "$opts" | tr '\n' ' ')"

# ---- the app image ----------------------------------------------------------------------------------------------
# jpackage wants a purely numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
app_version=$("$stage/runtime/bin/java" -jar "$stage/input/gpvoice.jar" --version | sed -n 's/^gpvoice \([0-9][0-9.]*\).*$/\1/p')
app_version=${app_version%.}
"$jdk/bin/jpackage" --type app-image --name gpvoice --dest "$out" \
  --input "$stage/input" --main-jar gpvoice.jar --main-class org.gpvoice.Main \
  --runtime-image "$stage/runtime" --app-version "${app_version:-1.0}" \
  --description "Real-time Gaussian-process voice resynthesis" "$@"
cp -- "$here/gpvoice" "$image/bin/gpvoice.sh"
chmod 755 "$image/bin/gpvoice.sh"

if [ "$cds" = yes ]; then
  "$here/make-cds-archive.sh" "$image"
fi

# ---- check it ---------------------------------------------------------------------------------------------------
say "check: gpvoice --version, --help, render"
"$image/bin/gpvoice" --version
"$image/bin/gpvoice" --help >/dev/null
"$here/make-clip.sh" "$repo/docs/examples/LJ001-0002.wav" "$stage/clip.wav" 500 250
"$image/bin/gpvoice" render --quiet "$stage/clip.wav" "$stage/out.wav"
[ -s "$stage/out.wav" ] || die "the image's render wrote no output"
"$image/bin/gpvoice.sh" render --quiet "$stage/clip.wav" "$stage/out-sh.wav"
cmp -s "$stage/out.wav" "$stage/out-sh.wav" || die "bin/gpvoice and bin/gpvoice.sh rendered different output"

rm -rf -- "$stage"
say "app image: $image ($(du -sh -- "$image" | cut -f 1)); run $image/bin/gpvoice"
