#!/usr/bin/env bash
# HTTP benchmark (not a test): wrk against VideoPro's /healthz and a 100 KB static
# file, and against nginx serving the same file, in the same run on this machine.
# Usage (as root, from the repository): bench/http/run.sh [seconds=10] [connections=64]
# Prints a Markdown table for docs/performance.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${1:-10}"
CONNECTIONS="${2:-64}"
THREADS=2
BIN="${VIDEOPRO_BIN:-$ROOT/build/src/app/videopro}"

for pkg in wrk nginx; do
  command -v "$pkg" >/dev/null 2>&1 || apt-get install -y -q "$pkg" >/dev/null
done
[ -x "$BIN" ] || { echo "build VideoPro first (scripts/test or scripts/run)" >&2; exit 1; }

WORK="$(mktemp -d)"
cleanup() {
  [ -n "${VP_PID:-}" ] && kill "$VP_PID" 2>/dev/null && wait "$VP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The same 100 KB file for both servers.
mkdir -p "$WORK/www"
head -c 76800 /dev/urandom | base64 -w 0 > "$WORK/www/file100k.txt"  # exactly 102,400 bytes
echo '<!doctype html><title>bench</title>' > "$WORK/www/index.html"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# VideoPro on a temp database. The operation log records every request, as in production.
"$BIN" serve --http-port 0 --data-dir "$WORK/data" --web-root "$WORK/www" \
  --ready-file "$WORK/ready.json" --http-threads 2 --max-connections-per-ip 10000 \
  --log-level warn 2>"$WORK/videopro.log" &
VP_PID=$!
for _ in $(seq 100); do [ -s "$WORK/ready.json" ] && break; sleep 0.1; done
VP_URL="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["http_url"])' "$WORK/ready.json")"

NGINX_PORT="$(free_port)"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location = /healthz { return 200 '{"status":"ok"}'; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
sleep 0.5

rps() {  # rps <url> -> requests/s
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" > "$WORK/wrk.txt" 2>&1
  local r p99
  r="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
  p99="$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")"
  echo "$r $p99"
}

read -r vp_h vp_h99 < <(rps "$VP_URL/healthz")
read -r ng_h ng_h99 < <(rps "http://127.0.0.1:$NGINX_PORT/healthz")
read -r vp_f vp_f99 < <(rps "$VP_URL/file100k.txt")
read -r ng_f ng_f99 < <(rps "http://127.0.0.1:$NGINX_PORT/file100k.txt")

ratio() { python3 -c "import sys;print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "Command: bench/http/run.sh $DURATION $CONNECTIONS  (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; VideoPro --http-threads 2, nginx worker_processes 2; both on this machine)"
echo
echo "| target | VideoPro req/s | nginx req/s | VideoPro / nginx | VideoPro p99 | nginx p99 |"
echo "|---|---|---|---|---|---|"
echo "| GET /healthz | $vp_h | $ng_h | $(ratio "$vp_h" "$ng_h") | $vp_h99 | $ng_h99 |"
echo "| GET 100 KB static file | $vp_f | $ng_f | $(ratio "$vp_f" "$ng_f") | $vp_f99 | $ng_f99 |"
