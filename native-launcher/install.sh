#!/bin/sh
# install.sh [PREFIX]              install the gpvoice command (PREFIX defaults to ~/.local)
# install.sh --uninstall [PREFIX]  remove what install.sh put there
#
# Puts the self-contained app image in PREFIX/lib/gpvoice and a symbolic link to its launcher script
# (lib/gpvoice/bin/gpvoice.sh) at PREFIX/bin/gpvoice. The script, not jpackage's native bin/gpvoice: on JDK 17 the
# native launcher asks rpm and dpkg whether it was installed from a package, twice, at every start (about 90 ms
# here); the script starts the same runtime with the same options and archive without that, and honours
# GPVOICE_JAVA_OPTS. Builds what is missing first: target/gpvoice.jar (mvn -B -q package -DskipTests) and the
# app image (build-app-image.sh, again when the jar has changed since). Idempotent: running it again replaces
# the installed copy. Needs a JDK 17+ with jpackage, only to build the image; the installed command brings its
# own runtime.
set -eu

die() {
  printf 'install.sh: %s\n' "$@" >&2
  exit 1
}

uninstall=no
if [ "${1:-}" = --uninstall ]; then
  uninstall=yes
  shift
fi
case ${1:-} in
  -h | --help)
    sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  -*) die "unknown option $1 (usage: install.sh [--uninstall] [PREFIX])" ;;
esac
[ $# -le 1 ] || die "usage: install.sh [--uninstall] [PREFIX]"
if [ $# -eq 1 ]; then
  prefix=$1
else
  [ -n "${HOME:-}" ] || die "HOME is not set: give a PREFIX."
  prefix=$HOME/.local
fi
if [ "$uninstall" = no ]; then
  mkdir -p -- "$prefix/bin" "$prefix/lib"
fi
if [ ! -d "$prefix" ]; then
  echo "nothing to remove: $prefix does not exist"
  exit 0
fi
prefix=$(cd -P -- "$prefix" && pwd -P)
dest=$prefix/lib/gpvoice
link=$prefix/bin/gpvoice

# Only ever remove or replace what is ours: a link to an installed gpvoice image, or the image itself.
check_link() {
  if [ -e "$link" ] || [ -L "$link" ]; then
    [ -L "$link" ] || die "$link exists and is not a symbolic link: move it away first."
    case $(readlink -- "$link") in
      */lib/gpvoice/bin/gpvoice | */lib/gpvoice/bin/gpvoice.sh) ;;
      *) die "$link points to $(readlink -- "$link"), not to an installed gpvoice: move it away first." ;;
    esac
  fi
}
check_dest() {
  if [ -e "$dest" ] && [ ! -x "$dest/bin/gpvoice" ]; then
    die "$dest exists but is not a gpvoice app image: move it away first."
  fi
}

if [ "$uninstall" = yes ]; then
  check_link
  check_dest
  if [ ! -e "$dest" ] && [ ! -L "$link" ]; then
    echo "nothing to remove: no $link, no $dest"
    exit 0
  fi
  rm -f -- "$link"
  rm -rf -- "$dest"
  echo "removed $link and $dest"
  exit 0
fi
check_link
check_dest

here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=$(cd -P -- "$here/.." && pwd -P)
jar=$repo/target/gpvoice.jar
image=$repo/target/app-image/gpvoice

if [ ! -r "$jar" ]; then
  command -v mvn >/dev/null 2>&1 || die "$jar is missing and there is no mvn on PATH to build it:" \
    "install Maven and a JDK 17+, then run: mvn -B package -DskipTests"
  echo "== building the jar: mvn -B -q package -DskipTests"
  (cd -- "$repo" && mvn -B -q package -DskipTests)
fi
if [ ! -x "$image/bin/gpvoice.sh" ] || ! cmp -s -- "$jar" "$image/lib/app/gpvoice.jar"; then
  echo "== building the app image: native-launcher/build-app-image.sh"
  "$here/build-app-image.sh"
fi

# Copy beside the old install, then swap: an interrupted install leaves the previous one working.
new=$prefix/lib/.gpvoice-new-$$
rm -rf -- "$new"
trap 'rm -rf -- "$new"' EXIT
cp -R -p -- "$image" "$new"
rm -rf -- "$dest"
mv -- "$new" "$dest"
trap - EXIT
# The image's class-data-sharing archive names the jar by its absolute path: make it again for this place.
if [ -f "$dest/lib/app/gpvoice.jsa" ]; then
  "$here/make-cds-archive.sh" "$dest" >/dev/null
fi
ln -sf -- "$dest/bin/gpvoice.sh" "$link"

"$link" --version >/dev/null || die "the installed $link does not run."
echo "installed: $dest (the app image, $(du -sh -- "$dest" | cut -f 1))"
echo "command:   $link -> $dest/bin/gpvoice.sh"
case ":${PATH:-}:" in
  *":$prefix/bin:"*) echo "run:       gpvoice --help" ;;
  *)
    echo "$prefix/bin is not on your PATH; add it, e.g. in ~/.profile:"
    echo "  export PATH=\"$prefix/bin:\$PATH\""
    ;;
esac
