#!/usr/bin/env python3
"""Loopback fixtures for the discovery tests (started by DiscoveryFixture.psm1; stdlib only).

One JSON config names:
  web:     HTTPS or HTTP listeners; each answers by Host header and path (query ignored) with a status,
           a body and an optional Location header (autoconfig files, redirects, ISPDB entries).
  forward: TCP forwarders from a dedicated loopback address and standard port (993, 465, ...) to a real
           server's port, so the common-host-name probe reaches Dovecot; "stall": accept, then say nothing.
  sink:    an SMTP sink (the relay of Dovecot's submission service) that counts the messages it receives,
           written to count_file: the proof that a check sent nothing.
Prints "ready" once everything listens; runs until killed.
"""
import json, socket, ssl, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def web(spec):
    routes = spec["routes"]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            host = (self.headers.get("Host") or "").split(":")[0].lower()
            route = routes.get(host, {}).get(self.path.split("?")[0])
            if route is None:
                self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
            body = route.get("body", "").encode("utf-8")
            self.send_response(route.get("status", 200))
            if "location" in route:
                self.send_header("Location", route["location"])
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((spec["address"], spec["port"]), Handler)
    if spec.get("cert"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(spec["cert"], spec["key"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass


def forward(spec):
    listener = socket.create_server((spec["address"], spec["port"]), reuse_port=False)
    held = []

    def accept():
        while True:
            client, _ = listener.accept()
            if spec.get("stall"):
                held.append(client)   # never answers, never closes: a server that hangs
                continue
            upstream = socket.create_connection(("127.0.0.1", spec["target"]))
            threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()


def sink(spec):
    listener = socket.create_server((spec.get("address", "127.0.0.1"), spec["port"]))
    lock = threading.Lock()
    state = {"messages": 0}
    path = spec["count_file"]
    open(path, "w").write("0")

    def session(conn):
        f = conn.makefile("rb")
        conn.sendall(b"220 sink ESMTP\r\n")
        in_data = False
        for raw in f:
            line = raw.rstrip(b"\r\n")
            if in_data:
                if line == b".":
                    in_data = False
                    with lock:
                        state["messages"] += 1
                        open(path, "w").write(str(state["messages"]))
                    conn.sendall(b"250 2.0.0 counted\r\n")
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"LHLO"):
                conn.sendall(b"250-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 104857600\r\n")
            elif verb == b"DATA":
                in_data = True
                conn.sendall(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n"); break
            else:
                conn.sendall(b"250 OK\r\n")
        conn.close()

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=session, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()


def main():
    config = json.load(open(sys.argv[1]))
    for spec in config.get("web", []):
        web(spec)
    for spec in config.get("forward", []):
        forward(spec)
    if config.get("sink"):
        sink(config["sink"])
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
