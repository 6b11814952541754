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
# Uses hyperfine where installed (apt-get install hyperfine), else a loop timed with date +%s%N. Prints a
# Markdown table: median, min-max, and mean CPU time (user + system) of each. Each timed run waits first for a
# quiet moment (see wait-quiet below): on a shared machine the spread is still wide; compare medians.
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

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1)"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "| started as | 50 ms clip: median (min-max) | CPU | 1.9 s clip: median (min-max) | CPU |"
echo "| --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "$variants" | while IFS='|' read -r name cmd; do
  row="| $name |"
  for clip in 50 1900; do
    args="render --quiet $b/clip$clip.wav $b/out/o.wav"
    if command -v hyperfine >/dev/null 2>&1; then
      hyperfine -N -w 3 -r "$runs" --prepare "$b/wait-quiet" --export-csv "$b/h.csv" "$cmd $args" \
        </dev/null >/dev/null 2>&1
      # command,mean,stddev,median,user,system,min,max
      read -r med lo hi cpu <<EOF
$(tail -n 1 "$b/h.csv" | awk -F, '{ print $(NF-4), $(NF-1), $NF, $(NF-3) + $(NF-2) }')
EOF
      row="$row $(ms "$med") ms ($(ms "$lo")-$(ms "$hi")) | $(ms "$cpu") ms |"
    else
      : >"$b/t"
      i=0
      while [ $i -lt $((runs + 3)) ]; do
        "$b/wait-quiet"
        t0=$(date +%s%N)
        # shellcheck disable=SC2086
        $cmd $args </dev/null >/dev/null 2>&1
        t1=$(date +%s%N)
        [ $i -lt 3 ] || echo $(((t1 - t0) / 1000000)) >>"$b/t"
        i=$((i + 1))
      done
      sort -n "$b/t" >"$b/ts"
      med=$(awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2 + 0.5) }' "$b/ts")
      row="$row $med ms ($(head -n 1 "$b/ts")-$(tail -n 1 "$b/ts")) | n/a |"
    fi
  done
  echo "$row"
done
echo
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg); $runs runs each after 3 warm-up runs;" \
  "$(command -v hyperfine >/dev/null 2>&1 && hyperfine --version || echo 'date +%s%N loop');" \
  "runs started on a quiet machine: $(grep -c quiet "$b/wait-quiet.log") of $(wc -l <"$b/wait-quiet.log")"
