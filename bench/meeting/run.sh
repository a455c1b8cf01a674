#!/usr/bin/env bash
# Meeting join benchmark (issue 6): videopro-loadtest's meeting mode joins N named
# guests, one after another, into ONE meeting through the real meeting signalling
# (POST /api/v1/meetings/{id}/join, then joinMeeting over /ws), each sending Opus
# + low-rate VP8 and consuming every other participant. Reports join time p50/p99
# and the server process's CPU and memory (/proc). Prints a Markdown table and,
# with --write, puts it into the "Meeting join (bench/meeting)" section of
# docs/performance.md (between its bench/meeting markers). Builds nothing: build
# videopro and videopro-loadtest first. Not part of the test suite.
#
#   bench/meeting/run.sh [--participants N] [--duration S] [--video-bitrate BPS] [--write]
#                        [--report-file FILE]   (the load client's JSON report is copied there)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
VIDEOPRO="$BUILD/src/app/videopro"
LOADTEST="$BUILD/tools/loadtest/videopro-loadtest"
PARTICIPANTS=50
DURATION=10
BITRATE=150000
WRITE=0
REPORT_FILE=""
COMMAND="bench/meeting/run.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --participants) PARTICIPANTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --video-bitrate) BITRATE="$2"; shift 2 ;;
    --write) WRITE=1; shift ;;
    --report-file) REPORT_FILE="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in "$VIDEOPRO" "$LOADTEST"; do
  [ -x "$tool" ] || { echo "missing $tool: build it first" >&2; exit 1; }
done

WORK="$(mktemp -d)"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$WORK/vp"
"$VIDEOPRO" serve --data-dir "$WORK/vp" --http-port 0 --media-port 0 \
  --ready-file "$WORK/vp/ready.json" --max-connections-per-ip 100000 \
  --max-connections 100000 --max-peers-per-room 1000 --joins-per-ip-per-second 100000 \
  --log-level warn 2>"$WORK/vp.log" &
SERVER_PID=$!
for _ in $(seq 400); do [ -s "$WORK/vp/ready.json" ] && break; sleep 0.05; done
[ -s "$WORK/vp/ready.json" ] || { cat "$WORK/vp.log" >&2; exit 1; }
HTTP_URL="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["http_url"])' "$WORK/vp/ready.json")"
MEETING="$(python3 "$ROOT/bench/meeting/make_meeting.py" "$HTTP_URL" "$WORK/vp")"

if ! "$LOADTEST" --url "${HTTP_URL/http:/ws:}/ws" --meeting "$MEETING" \
    --participants "$PARTICIPANTS" --guest-prefix bench --duration "$DURATION" \
    --video-bitrate "$BITRATE" --fps 15 --threads "${LOADTEST_THREADS:-2}" \
    --server-pid "$SERVER_PID" --setup-timeout 600 --report json >"$WORK/report.json"; then
  tail -20 "$WORK/vp.log" >&2
  exit 1
fi
stop_server
[ -n "$REPORT_FILE" ] && cp "$WORK/report.json" "$REPORT_FILE"

TABLE="$(python3 - "$WORK/report.json" "$COMMAND" "$LOAD_AT_START" "$PARTICIPANTS" "$BITRATE" <<'PY'
import json, os, subprocess, sys
r = json.load(open(sys.argv[1]))
command, load, participants, bitrate = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
m, s = r["meeting"], r["server"]
setup, media = r["setupSeconds"], r["mediaSeconds"]
total = r["total"]
print(f"Command: `{command}` — {participants} guests, each Opus + VP8 at {bitrate // 1000} kbit/s "
      f"15 fps, consuming every other participant ({r['consumers']} consumers); "
      f"{r['endpointsConnected']} transports connected, {r['endpointsFailed']} failed; "
      f"{m['waiting']} left in a waiting room.\n")
print(f"Machine: {os.cpu_count()} CPUs ({cpu}), load average at start {load} — a shared "
      "machine, loaded by other work during the run; the load client runs on the same cores.\n")
print("| measure | value |")
print("|---|---|")
j, t = m["joinToReply"], m["joinToMedia"]
print(f"| join → joinMeeting reply | p50 {j['p50Ms']:.1f} ms, p99 {j['p99Ms']:.1f} ms, max {j['maxMs']:.1f} ms |")
print(f"| join → consuming everybody there, transports connected | p50 {t['p50Ms']:.1f} ms, "
      f"p99 {t['p99Ms']:.1f} ms, max {t['maxMs']:.1f} ms |")
print(f"| set-up (all joins + late consumes) | {setup:.1f} s, server {s['setupCpuSeconds']:.2f} CPU-s "
      f"({100 * s['setupCpuSeconds'] / setup:.0f} % of one core) |")
print(f"| media window | {media:.1f} s, server {s['cpuSeconds']:.2f} CPU-s "
      f"({100 * s['cpuSeconds'] / media:.0f} % of one core) |")
print(f"| received by the participants | {total['received']} packets, loss {total['lossPercent']:.3f} % |")
print(f"| server RSS | {s['rssBeforeKb'] // 1024} MB before, {s['rssAfterSetupKb'] // 1024} MB after set-up, "
      f"peak {s['peakRssKb'] // 1024} MB |")
PY
)"
echo "$TABLE"

if [ "$WRITE" = 1 ]; then
  TABLE="$TABLE" python3 - "$ROOT/docs/performance.md" <<'PY'
import datetime, os, sys
path = sys.argv[1]
text = open(path).read()
begin, end = "<!-- bench/meeting:begin -->", "<!-- bench/meeting:end -->"
body = f"{begin}\n### Run of {datetime.date.today().isoformat()}\n\n{os.environ['TABLE']}\n{end}"
if begin not in text:
    sys.exit("docs/performance.md has no bench/meeting markers")
a, b = text.index(begin), text.index(end) + len(end)
open(path, "w").write(text[:a] + body + text[b:])
PY
  echo "wrote the figures into docs/performance.md" >&2
fi
