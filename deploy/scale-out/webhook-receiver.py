#!/usr/bin/env python3
"""A webhook receiver for deploy/scale-out.sh (standard library only).

  webhook-receiver.py PORTFILE FILE              serve on a loopback port the kernel picks, write it to PORTFILE once
                                                 listening, append each delivery to FILE (JSON lines)
  webhook-receiver.py --count FILE               print how many distinct event sequences FILE holds
  webhook-receiver.py --verify FILE SECRET N     check every signature and that N distinct events arrived;
                                                 prints a verdict, exits 1 when it fails
The signature scheme: X-OGP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.
"""
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(port_file, path):
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            record = {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
            with lock, open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps(record) + "\n")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    # Port 0: a port chosen beforehand could be taken (an outgoing connection's ephemeral port) before the bind.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w", encoding="utf-8") as out:
        out.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


def deliveries(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def sequences(records):
    return [int(r["headers"].get("x-ogp-event-sequence", -1)) for r in records]


def verify(path, secret, expected):
    records = deliveries(path)
    bad = 0
    for r in records:
        parts = dict(p.split("=", 1) for p in r["headers"].get("x-ogp-signature", "").split(",") if "=" in p)
        mac = hmac.new(secret.encode(), f"{parts.get('t', '')}.{r['body']}".encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, parts.get("v1", "")):
            bad += 1
    seqs = sequences(records)
    distinct = len(set(seqs))
    first_seen = list(dict.fromkeys(seqs))
    in_order = first_seen == sorted(first_seen)
    verdict = (f"{distinct}/{expected} events delivered ({len(records)} deliveries), "
               f"{len(records) - bad} signatures valid, {'in order' if in_order else 'OUT OF ORDER'}")
    print(verdict)
    return bad == 0 and distinct == expected and in_order


if __name__ == "__main__":
    if sys.argv[1] == "--count":
        print(len(set(sequences(deliveries(sys.argv[2])))))
    elif sys.argv[1] == "--verify":
        sys.exit(0 if verify(sys.argv[2], sys.argv[3], int(sys.argv[4])) else 1)
    else:
        serve(sys.argv[1], sys.argv[2])
