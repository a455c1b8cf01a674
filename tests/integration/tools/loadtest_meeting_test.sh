#!/usr/bin/env bash
# Three guests join one meeting through videopro-loadtest's meeting mode (POST
# .../join, joinMeeting, transports, produce, consume) against a real `videopro
# serve`; every one must receive the others' audio and video.
set -euo pipefail
BUILD="$1"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
REPORT="$(mktemp)"
trap 'rm -f "$REPORT"' EXIT
BUILD="$BUILD" LOADTEST_THREADS=1 "$ROOT/bench/meeting/run.sh" --participants 3 --duration 2 \
  --report-file "$REPORT" >/dev/null 2>&1 || { echo "bench/meeting/run.sh failed" >&2; exit 1; }
python3 - "$REPORT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["meeting"]
checks = {
    "3 joined": m["joinToReply"]["count"] == 3 and m["joinToMedia"]["count"] == 3,
    "nobody waiting": m["waiting"] == 0,
    "3 x 2 x 2 consumers": r["consumers"] == 12,
    "6 transports connected": r["endpointsConnected"] == 6 and r["endpointsFailed"] == 0,
    "audio received": r["streams"]["meeting/audio"]["received"] > 0,
    "video received": r["streams"]["meeting/video"]["received"] > 0,
    "join times recorded": 0 < m["joinToReply"]["p50Ms"] <= m["joinToMedia"]["p99Ms"],
    "server sampled": r["server"]["peakRssKb"] > 0,
}
failed = [name for name, ok in checks.items() if not ok]
if failed:
    sys.exit("failed: " + ", ".join(failed) + "\n" + json.dumps(r)[:2000])
print("ok:", ", ".join(checks))
PY
