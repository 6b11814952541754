#!/bin/sh
# bench-startup.sh [RUNS]
#
# Start-up and short-render times of gpvoice started seven ways (RUNS each, default 20, after 3 warm-up runs):
#   java -jar             java -jar target/gpvoice.jar, the JVM's default options
#   java + audio options  java with the launcher script's options, no script (what those options cost)
#   launcher script       native-launcher/gpvoice, the system Java
#   app image             build-app-image.sh --no-cds: bundled runtime, native launcher
#   app image + AppCDS    build-app-image.sh: the same with its static AppCDS archive (make-cds-archive.sh)
#   app image + AppCDS, bin/gpvoice.sh   the same image through its launcher script (what install.sh installs)
#   app image + dyn. CDS  the native launcher with a dynamic archive (-XX:ArchiveClassesAtExit) instead
# on two workloads:
#   50 ms    rendering a 50 ms clip (LJ001-0002.wav from 0.5 s): the proxy for "time to the first rendered block"
#            (the first block is out once start-up, reading and the first fit are done; 10 blocks follow)
#   1.9 s    rendering the whole of docs/examples/LJ001-0002.wav
# Each run is timed by hyperfine where installed (apt-get install hyperfine; one run per call, so that the
# variants can be interleaved), else by date +%s%N. Prints a Markdown table: median and min-max wall time, and
# median CPU time (user + system, hyperfine only) of each. Each timed run waits first for a quiet moment (see
# wait-quiet below): on a shared machine the spread is still wide; compare medians.
#
# Builds the two app images itself (about 30 s) in a scratch folder, from target/gpvoice.jar; leaves
# target/app-image/gpvoice built with AppCDS.
set -eu

runs=${1:-20}
here=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
repo=$(cd -P -- "$here/.." && pwd -P)
[ -r "$repo/target/gpvoice.jar" ] || { echo "target/gpvoice.jar is missing: mvn -B package -DskipTests" >&2; exit 1; }

b=${TMPDIR:-/tmp}/gpvoice-startup
rm -rf -- "$b"
mkdir -p -- "$b/repo/target" "$b/repo/native-launcher" "$b/out"
# Copies: the jar in target/ may be rebuilt meanwhile.
cp -- "$repo/target/gpvoice.jar" "$b/repo/target/gpvoice.jar"
cp -- "$here/gpvoice" "$b/repo/native-launcher/gpvoice"
"$here/make-clip.sh" "$repo/docs/examples/LJ001-0002.wav" "$b/clip50.wav" 500 50
cp -- "$repo/docs/examples/LJ001-0002.wav" "$b/clip1900.wav"

echo "== building the app images" >&2
"$here/build-app-image.sh" --no-cds >"$b/build.log" 2>&1 || { cat "$b/build.log" >&2; exit 1; }
cp -R -p -- "$repo/target/app-image/gpvoice" "$b/image"
"$here/build-app-image.sh" >"$b/build.log" 2>&1 || { cat "$b/build.log" >&2; exit 1; }
cp -R -p -- "$repo/target/app-image/gpvoice" "$b/image-cds"
cp -R -p -- "$repo/target/app-image/gpvoice" "$b/image-dyn"
# The archives name the jar's path: make them again where they now are.
"$here/make-cds-archive.sh" "$b/image-cds" >/dev/null
opts=$(GPVOICE_PRINT_JVM_OPTIONS=1 "$b/image-dyn/bin/gpvoice.sh")
rm -f -- "$b/image-dyn/lib/app/gpvoice.jsa"
# shellcheck disable=SC2086
"$b/image-dyn/lib/runtime/bin/java" $opts -XX:ArchiveClassesAtExit="$b/image-dyn/lib/app/gpvoice.jsa" \
  -cp "$b/image-dyn/lib/app/gpvoice.jar" org.gpvoice.Main render --quiet "$b/clip1900.wav" "$b/out/train.wav" \
  >/dev/null 2>&1
sys_opts=$(GPVOICE_PRINT_JVM_OPTIONS=1 "$b/repo/native-launcher/gpvoice" | tr '\n' ' ')
"$b/repo/native-launcher/gpvoice" --version >/dev/null # fills the launcher's collector cache, as any first run does

# Before each timed run: wait (at most 20 s) for a quarter second in which the machine's CPUs were at least 90%
# idle, so that runs overlap less with whatever else the machine does. Counted in wait-quiet.log.
cat >"$b/wait-quiet" <<'EOF'
#!/bin/sh
# shellcheck disable=SC2046 # busy prints two numbers, split on purpose
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
i=0
while [ $i -lt 80 ]; do
  set -- $(busy)
  sleep 0.25
  set -- "$@" $(busy)
  if [ $((($3 - $1) * 10)) -le $(($4 - $2)) ]; then
    echo quiet >>"${0%/*}/wait-quiet.log"
    exit 0
  fi
  i=$((i + 1))
done
echo busy >>"${0%/*}/wait-quiet.log"
EOF
chmod +x "$b/wait-quiet"

# name|command prefix (split at blanks; no blanks in the paths above unless TMPDIR has some)
variants="java -jar|java -jar $b/repo/target/gpvoice.jar
java + audio options|java ${sys_opts}-jar $b/repo/target/gpvoice.jar
launcher script|$b/repo/native-launcher/gpvoice
app image|$b/image/bin/gpvoice
app image + AppCDS|$b/image-cds/bin/gpvoice
app image + AppCDS, bin/gpvoice.sh|$b/image-cds/bin/gpvoice.sh
app image + dyn. CDS|$b/image-dyn/bin/gpvoice"

ms() { awk -v s="$1" 'BEGIN { printf "%d", s * 1000 + 0.5 }'; }

# Interleaved: each round runs every variant once on each clip, in a new random order, so that whatever else the
# machine does at some moment falls on all of them alike rather than on the few measured then, and no variant
# always follows the same one (the first run that asks for huge pages after others that did not can pay for the
# kernel's compaction). The first 3 rounds are warm-up.
# One line per timed run in $b/runs: VARIANT_NUMBER CLIP WALL_MS CPU_MS (CPU_MS "-" without hyperfine).
: >"$b/runs"
round=0
while [ $round -lt $((runs + 3)) ]; do
  printf '%s\n' "$variants" | awk -v seed="$((round + 1))" 'BEGIN { srand(seed) } { print rand() "|" NR "|" $0 }' \
    | sort -t '|' -k 1,1 >"$b/order"
  while IFS='|' read -r _ n name cmd; do
    for clip in 50 1900; do
      args="render --quiet $b/clip$clip.wav $b/out/o.wav"
      "$b/wait-quiet"
      if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -r 1 --export-csv "$b/h.csv" "$cmd $args" </dev/null >/dev/null 2>&1
        # command,mean,stddev,median,user,system,min,max
        line=$(tail -n 1 "$b/h.csv" | awk -F, '{ printf "%.1f %.1f", $NF * 1000, ($(NF-3) + $(NF-2)) * 1000 }')
      else
        t0=$(date +%s%N)
        # shellcheck disable=SC2086
        $cmd $args </dev/null >/dev/null 2>&1
        t1=$(date +%s%N)
        line="$(((t1 - t0) / 1000000)) -"
      fi
      [ $round -lt 3 ] || echo "$n $clip $line" >>"$b/runs"
    done
  done <"$b/order"
  round=$((round + 1))
done

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1)"
echo
echo "| started as | 50 ms clip: median (min-max) | CPU | 1.9 s clip: median (min-max) | CPU |"
echo "| --- | ---: | ---: | ---: | ---: |"
# stat N CLIP: "median (min-max) | CPU median" of variant N's runs on CLIP, in ms.
stat() {
  awk -v n="$1" -v c="$2" '$1 == n && $2 == c { print $3, $4 }' "$b/runs" | sort -n >"$b/s"
  awk 'function med(a, k) { return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    { w[NR] = $1; if ($2 != "-") c[++m] = $2 }
    END {
      cpu = "n/a"
      if (m > 0) { asort_n(c, m); cpu = sprintf("%d ms", med(c, m) + 0.5) }
      printf "%d ms (%d-%d) | %s", med(w, NR) + 0.5, w[1] + 0.5, w[NR] + 0.5, cpu
    }
    function asort_n(a, k,   i, j, t) { for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }' "$b/s"
}
n=0
while IFS='|' read -r name cmd; do
  n=$((n + 1))
  echo "| $name | $(stat $n 50) | $(stat $n 1900) |"
done <<EOF
$variants
EOF
echo
echo "$runs runs each, interleaved, after 3 warm-up rounds; load average at the end $(cut -d ' ' -f 1-3 /proc/loadavg);" \
  "$(command -v hyperfine >/dev/null 2>&1 && hyperfine --version || echo 'date +%s%N loop');" \
  "runs started on a quiet machine: $(grep -c quiet "$b/wait-quiet.log") of $(wc -l <"$b/wait-quiet.log")"
