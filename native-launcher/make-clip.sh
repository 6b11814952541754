#!/bin/sh
# make-clip.sh IN.wav OUT.wav [START_MS [LENGTH_MS]]
#
# Cuts LENGTH_MS (default 50) of audio starting at START_MS (default 500) out of a plain PCM WAV file whose
# header is the canonical 44 bytes ("RIFF", "fmt " of 16 bytes, then "data"), as the clips in docs/examples are.
# Used by the start-up benchmark (a 50 ms render is its proxy for "time to the first rendered block"), by the
# CDS training run in build-app-image.sh and by .ci/app-image. POSIX sh: head, dd, od, printf.
set -eu

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: make-clip.sh IN.wav OUT.wav [START_MS [LENGTH_MS]]" >&2
  exit 2
fi
in=$1
out=$2
start_ms=${3:-500}
len_ms=${4:-50}

[ -r "$in" ] || { echo "make-clip.sh: cannot read $in" >&2; exit 2; }

# u16/u32 LE_OFFSET: an unsigned little-endian integer of the header, read with od.
u16() { od -An -tu2 -j "$1" -N 2 "$in" | tr -d ' \n'; }
u32() { od -An -tu4 -j "$1" -N 4 "$in" | tr -d ' \n'; }
tag() { dd if="$in" bs=1 skip="$1" count=4 2>/dev/null; }

if [ "$(tag 0)" != RIFF ] || [ "$(tag 8)" != WAVE ] || [ "$(tag 12)" != "fmt " ] \
  || [ "$(u32 16)" != 16 ] || [ "$(tag 36)" != data ]; then
  echo "make-clip.sh: $in is not a WAV file with a canonical 44-byte header" >&2
  exit 2
fi
rate=$(u32 24)
align=$(u16 32)
data_bytes=$(u32 40)

# Whole frames only.
skip_frames=$((rate * start_ms / 1000))
frames=$((rate * len_ms / 1000))
skip=$((skip_frames * align))
bytes=$((frames * align))
if [ $((skip + bytes)) -gt "$data_bytes" ]; then
  echo "make-clip.sh: $in holds less than $((start_ms + len_ms)) ms of audio" >&2
  exit 2
fi

# le32 N: N as 4 little-endian bytes.
le32() {
  n=$1
  for _ in 1 2 3 4; do
    # shellcheck disable=SC2059 # the format is an octal escape built on purpose
    printf "\\$(printf '%03o' $((n % 256)))"
    n=$((n / 256))
  done
}

{
  printf RIFF
  le32 $((36 + bytes))
  dd if="$in" bs=1 skip=8 count=28 2>/dev/null # "WAVE" and the whole "fmt " chunk, unchanged
  printf data
  le32 "$bytes"
  tail -c +$((44 + skip + 1)) "$in" | head -c "$bytes"
} >"$out"
