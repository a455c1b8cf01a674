#!/usr/bin/env bash
# Issue 4: with 10 % random loss injected on both legs (publisher -> server and
# server -> subscriber), videopro-loadtest against a real `videopro serve` (port
# 0, temp data dir) still receives >= 99.5 % of the video packets once NACK and
# RTX have repaired them. Audio (Opus without NACK, as browsers negotiate it)
# shows the raw loss, proving that the loss was really there.
set -euo pipefail
BUILD="$1"
VIDEOPRO="$BUILD/src/app/videopro"
LOADTEST="$BUILD/tools/loadtest/videopro-loadtest"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/vp"
"$VIDEOPRO" serve --data-dir "$WORK/vp" --http-port 0 --media-port 0 \
  --ready-file "$WORK/vp/ready.json" --log-level warn 2>"$WORK/vp.log" &
SERVER_PID=$!
for _ in $(seq 400); do [ -s "$WORK/vp/ready.json" ] && break; sleep 0.05; done
[ -s "$WORK/vp/ready.json" ] || { echo "server not ready"; cat "$WORK/vp.log"; exit 1; }
URL="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["http_url"])' "$WORK/vp/ready.json")"

"$LOADTEST" --target videopro --url "${URL/http:/ws:}/ws" --publishers 1 --subscribers 2 \
  --duration 6 --video-bitrate 300000 --loss 10 --recv-loss 10 --seed 4 --threads 1 \
  --report json >"$WORK/report.json" 2>"$WORK/loadtest.log" ||
  { echo "videopro-loadtest failed"; tail -5 "$WORK/loadtest.log"; exit 1; }

python3 - "$WORK/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
video, audio, sent = r["streams"]["pub0/video"], r["streams"]["pub0/audio"], r["sent"]
delivered = video["received"] / max(video["expected"], 1)
checks = {
    "both transports of every endpoint connected": r["endpointsConnected"] == 3 and r["endpointsFailed"] == 0,
    "enough video to judge (>= 300 packets per subscriber)": video["expected"] >= 600,
    "uplink loss injected (>= 5 %)": sent["injectedLoss"] >= 0.05 * sent["rtp"],
    "downlink loss injected": sent["injectedRecvLoss"] > 0,
    "audio without NACK shows the loss (>= 10 %)": audio["lossPercent"] >= 10,
    "lost video packets were repaired by retransmission": video["recovered"] > 0 and sent["retransmitted"] > 0,
    "video delivered >= 99.5 %% (%.2f %%)" % (100 * delivered): delivered >= 0.995,
}
failed = [name for name, ok in checks.items() if not ok]
if failed:
    sys.exit("failed: " + "; ".join(failed) + "\n" + json.dumps({"video": video, "audio": audio, "sent": sent}))
print("ok:", "; ".join(checks))
PY
