#!/usr/bin/env bash
# SFU forwarding benchmark (not a test): the same synthetic load from
# videopro-loadtest against VideoPro and against Janus 1.1.2 (Debian, VideoRoom
# plugin, started here on a private config), in one run on this machine:
#   1 publisher x {10, 100, 500} subscribers (VP8 + Opus) and 10 x 200 audio only.
# Measures the server process only (CPU from /proc/PID/stat, memory from
# /proc/PID/status), prints a Markdown table and, with --write, puts it into the
# "SFU forwarding" section of docs/performance.md (between its bench/sfu markers). Builds nothing: build first (scripts/test or scripts/run).
#
# Usage (as root, from the repository):
#   bench/sfu/run.sh [--duration S] [--scenarios "video:1:10 ..."] [--no-janus] [--write]
# Environment: BUILD (default build), LOADTEST_THREADS (default 2).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
VIDEOPRO="$BUILD/src/app/videopro"
LOADTEST="$BUILD/tools/loadtest/videopro-loadtest"
DURATION=20
SCENARIOS="video:1:10 video:1:100 video:1:500 audio:10:200"
JANUS=1
WRITE=0
COMMAND="BUILD=${BUILD:-build} bench/sfu/run.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --no-janus) JANUS=0; shift ;;
    --write) WRITE=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for bin in "$VIDEOPRO" "$LOADTEST"; do
  [ -x "$bin" ] || { echo "missing $bin: build first (BUILD=$BUILD)" >&2; exit 1; }
done
if [ "$JANUS" = 1 ] && ! command -v janus >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q janus >/dev/null
fi

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

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# Janus's libnice gathers no loopback candidates: both ends use the host's own
# address, which the kernel still routes through the loopback device.
HOST_IP="$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for(i=1;i<=NF;i++) if($i=="src") print $(i+1)}' | head -1)"
HOST_IP="${HOST_IP:-$(hostname -I | awk '{print $1}')}"

# VideoPro's rooms hold at most this many peers unless the server says otherwise.
MAX_PEERS=16
# (The help is read whole first: grep -q would stop reading early and, under
# pipefail, the SIGPIPE of the writer would make the test fail.)
SERVE_HELP="$("$VIDEOPRO" serve --help 2>&1 || true)"
if grep -q -- "--max-peers-per-room" <<<"$SERVE_HELP"; then MAX_PEERS=100000; fi

start_videopro() {
  local extra=()
  [ "$MAX_PEERS" -gt 16 ] && extra+=(--max-peers-per-room 1000)
  # 500 peers joining one room at once get ~500 notifications each while the load
  # client is busy with 500 DTLS handshakes: the default bound (256 queued messages
  # per socket) would disconnect it as a slow client.
  extra+=(--ws-max-queued-messages 4096)
  rm -rf "$WORK/vp" && mkdir -p "$WORK/vp"
  "$VIDEOPRO" serve --data-dir "$WORK/vp" --http-port 0 --media-port 0 \
    --ready-file "$WORK/vp/ready.json" --max-connections-per-ip 100000 \
    --max-connections 100000 --log-level warn "${extra[@]}" 2>"$WORK/vp.log" &
  SERVER_PID=$!
  for _ in $(seq 200); do [ -s "$WORK/vp/ready.json" ] && break; sleep 0.05; done
  VP_URL="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["http_url"])' "$WORK/vp/ready.json")"
  TARGET_ARGS=(--target videopro --url "${VP_URL/http:/ws:}/ws")
}

start_janus() {
  local cfg="$WORK/janus" port
  port="$(free_port)"
  rm -rf "$cfg" && mkdir -p "$cfg"
  sed -e "s|@CFG@|$cfg|g" -e "s|@IP@|$HOST_IP|g" "$ROOT/bench/sfu/janus/janus.jcfg.in" > "$cfg/janus.jcfg"
  sed -e "s|@PORT@|$port|g" "$ROOT/bench/sfu/janus/janus.transport.http.jcfg.in" > "$cfg/janus.transport.http.jcfg"
  cp "$ROOT/bench/sfu/janus/janus.plugin.videoroom.jcfg" "$cfg/"
  janus -F "$cfg" -C "$cfg/janus.jcfg" >"$WORK/janus.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 200); do
    curl -s -o /dev/null "http://127.0.0.1:$port/janus/info" && break; sleep 0.05
  done
  TARGET_ARGS=(--target janus --janus-url "http://127.0.0.1:$port/janus" --local-ip "$HOST_IP")
}

run_one() {  # target kind publishers subscribers
  local target="$1" kind="$2" pubs="$3" subs="$4" rooms=1 per
  # Split over rooms when a room is capped: each room keeps all publishers.
  per=$((MAX_PEERS - pubs))
  while [ $((subs / rooms)) -gt "$per" ] || [ $((subs % rooms)) -ne 0 ]; do rooms=$((rooms + 1)); done
  local args=(--publishers "$pubs" --subscribers "$subs" --rooms "$rooms" --duration "$DURATION"
              --threads "${LOADTEST_THREADS:-2}" --report json)
  [ "$kind" = audio ] && args+=(--audio-only)
  "start_$target"
  local out="$WORK/$target-$kind-$pubs-$subs.json"
  echo "== $target $kind ${pubs}x$subs ($rooms room(s), $DURATION s)" >&2
  if ! "$LOADTEST" "${TARGET_ARGS[@]}" "${args[@]}" --server-pid "$SERVER_PID" \
        >"$out" 2>"$WORK/loadtest.log"; then
    echo "   failed: $(grep -v '"ts"' "$WORK/loadtest.log" | tail -2)" >&2
    echo "{\"target\":\"$target\",\"failed\":true,\"kind\":\"$kind\",\"publishers\":$pubs,\"subscribers\":$subs}" >"$out"
  fi
  stop_server
  echo "$out"
}

RESULTS=()
for scenario in $SCENARIOS; do
  IFS=: read -r kind pubs subs <<<"$scenario"
  RESULTS+=("$(run_one videopro "$kind" "$pubs" "$subs")")
  [ "$JANUS" = 1 ] && RESULTS+=("$(run_one janus "$kind" "$pubs" "$subs")")
done

TABLE="$(python3 "$ROOT/bench/sfu/summarize.py" --command "$COMMAND" --duration "$DURATION" \
  --janus-version "$(dpkg-query -W -f='Janus ${Version} (Debian package)' janus 2>/dev/null || echo 'Janus')" \
  "${RESULTS[@]}")"
echo "$TABLE"
if [ "$WRITE" = 1 ]; then
  # Replace the figures between the markers of the "SFU forwarding" section.
  TABLE="$TABLE" python3 - "$ROOT/docs/performance.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path).read()
begin, end = "<!-- bench/sfu:begin -->", "<!-- bench/sfu:end -->"
block = begin + "\n" + os.environ["TABLE"] + "\n" + end
if begin in text and end in text:
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text += "\n" + block + "\n"
open(path, "w").write(text)
PY
  echo "wrote the figures into docs/performance.md" >&2
fi
