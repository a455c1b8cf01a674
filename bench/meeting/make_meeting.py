#!/usr/bin/env python3
"""Signs a user up on a running VideoPro (one-time code read from <data-dir>/outbox,
as web/e2e/outbox.ts does) and creates an instant meeting that allows guests, with
no waiting room. Prints the meeting ID. Usage: make_meeting.py HTTP_URL DATA_DIR"""
import base64, http.cookiejar, json, os, re, sys, time, urllib.request

base, data_dir = sys.argv[1].rstrip("/"), sys.argv[2]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Origin": base,
                                              **(headers or {})})
    with opener.open(request, timeout=10) as reply:
        text = reply.read()
        return json.loads(text) if text else {}


def code_for(target, before):
    outbox = os.path.join(data_dir, "outbox")
    deadline = time.time() + 60  # the outbox worker sends within seconds
    while time.time() < deadline:
        for name in sorted(os.listdir(outbox)) if os.path.isdir(outbox) else []:
            if name in before or not name.endswith(".eml"):
                continue
            mail = open(os.path.join(outbox, name), encoding="utf-8", newline="").read()
            if target not in mail:
                continue
            plain = mail.find("Content-Type: text/plain")
            start = mail.find("\r\n\r\n", plain)
            end = mail.find("\r\n--", start)
            text = base64.b64decode(re.sub(r"\s", "", mail[start:end])).decode()
            found = re.search(r"\b(\d{6})\b", text)
            if found:
                return found.group(1)
        time.sleep(0.05)
    sys.exit(f"no one-time code for {target} in {outbox}")


email = "bench-host@example.com"
outbox = os.path.join(data_dir, "outbox")
before = set(os.listdir(outbox)) if os.path.isdir(outbox) else set()
call("POST", "/api/v1/auth/code", {"target": email, "purpose": "register"})
call("POST", "/api/v1/auth/register", {"target": email, "code": code_for(email, before),
                                       "displayName": "Bench host", "birthYear": 1985,
                                       "birthMonth": 7})
csrf = call("GET", "/api/v1/me")["csrfToken"]
meeting = call("POST", "/api/v1/meetings",
               {"subject": "bench/meeting", "kind": "instant", "waitingRoom": False,
                "guestsAllowed": True},
               {"X-CSRF-Token": csrf})
print(meeting["meetingId"])
