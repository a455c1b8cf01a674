#!/usr/bin/python3
"""A stand-in HTTP SMS gateway for the outbox tests.

    sms_gateway.py <dir> [--fail-first N] [--status CODE] [--require-header 'Name: value']

Listens on 127.0.0.1 at a free port (written to <dir>/port). Every request is written
to <dir>/<n>.json (method, path, headers, body). The first N requests are answered
503; the others CODE (default 200), or 401 when the required header is missing.
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"count": 0}
lock = threading.Lock()


def make_handler(args):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            with lock:
                state["count"] += 1
                n = state["count"]
            record = {"method": "POST", "path": self.path,
                      "headers": {k.lower(): v for k, v in self.headers.items()},
                      "body": body}
            tmp = os.path.join(args.dir, f"{n}.tmp")
            with open(tmp, "w") as f:
                json.dump(record, f)
            os.rename(tmp, os.path.join(args.dir, f"{n}.json"))
            status = args.status
            if n <= args.fail_first:
                status = 503
            elif args.require_header:
                name, value = args.require_header.split(":", 1)
                if self.headers.get(name.strip()) != value.strip():
                    status = 401
            payload = json.dumps({"accepted": status // 100 == 2}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--require-header")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args))
    tmp = os.path.join(args.dir, "port.tmp")
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, os.path.join(args.dir, "port"))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
