#!/usr/bin/env python3
"""A local test site for `pith fetch`, on loopback addresses only.

Serves the same site on 127.0.0.1 .. 127.0.0.H (one port), so that a URL list
spreads over H hosts as pith's politeness sees them. /page/N is an article of
about 8 KB, answered after --latency seconds, except that:
  N % 50 == 7    answers 500 the first time, 200 after (a retry succeeds)
  N % 100 == 13  answers 404 (a failure, not retried)
  N % 40 == 21   redirects (301) to /page/N/moved, which is the article
Writes the URL list (pages spread round-robin over the hosts) to --urls,
prints "ready PORT" once listening, and serves until killed.
"""

import argparse
import http.server
import random
import sys
import threading
import time


def article(n):
    rng = random.Random(n)
    words = ["river", "council", "budget", "school", "season", "report", "market", "storm",
             "library", "election", "harbour", "festival", "bridge", "museum", "railway"]
    paragraphs = []
    for _ in range(12):
        sentence = " ".join(rng.choice(words) for _ in range(14))
        paragraphs.append(f"<p>The {sentence.capitalize()}, officials said on day {n}.</p>")
    return (f"<!doctype html><html><head><meta charset=utf-8><title>Story {n}</title></head>"
            f"<body><nav><a href=/>Home</a></nav><article><h1>Story {n}</h1>"
            + "".join(paragraphs) + "</article><footer>Local test site</footer></body></html>")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client killed mid-transfer is part of the benchmark


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = set()
    seen_lock = threading.Lock()
    latency = 0.0

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        time.sleep(self.latency)
        parts = self.path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != "page" or not parts[1].isdigit():
            return self.send(404)
        n = int(parts[1])
        moved = len(parts) == 3 and parts[2] == "moved"
        if n % 100 == 13:
            return self.send(404, b"not here")
        if n % 50 == 7:
            key = (self.headers.get("Host"), self.path)
            with self.seen_lock:
                first = key not in self.seen
                self.seen.add(key)
            if first:
                return self.send(500, b"try again")
        if n % 40 == 21 and not moved:
            return self.send(301, headers=[("Location", f"/page/{n}/moved")])
        self.send(200, article(n).encode(), [("Content-Type", "text/html; charset=utf-8")])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--urls", required=True)
    args = parser.parse_args()
    Handler.latency = args.latency
    servers = [Server(("127.0.0.1", 0), Handler)]
    port = servers[0].server_address[1]
    for h in range(2, args.hosts + 1):
        servers.append(Server((f"127.0.0.{h}", port), Handler))
    with open(args.urls, "w") as out:
        for n in range(args.pages):
            out.write(f"http://127.0.0.{n % args.hosts + 1}:{port}/page/{n}\n")
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"ready {port}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
