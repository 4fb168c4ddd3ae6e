#!/usr/bin/python3
"""FAKE of the Kubernetes API server (kube-apiserver), for scsctl's health tests only.

It stands in for the two read-only endpoints `scsctl health` asks a real API server for:
GET /readyz (anonymous; "ok" or the failing checks with HTTP 500) and GET /api/v1/nodes
(a NodeList; needs "Authorization: Bearer TOKEN", 401 otherwise). A real kube-apiserver
cannot run here: it needs etcd, a full control plane and certificates issued by kubeadm,
and Debian 12 does not package Kubernetes at all. Nothing else of the API is imitated.

usage: kube_apiserver.py --dir DIR --bind ADDRESS --cert PEM --key PEM --token TOKEN
It listens on a free port (HTTPS) and writes it to DIR/port. While DIR/readyz-fail exists
/readyz fails (etcd); DIR/not-ready lists node names (one a line) whose Ready is False.
The nodes are named in DIR/nodes (one a line; default: node1).
"""
import argparse
import json
import os
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def read_lines(path):
    try:
        with open(path) as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def main():
    parser = argparse.ArgumentParser()
    for name in ("--dir", "--bind", "--cert", "--key", "--token"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, body, content_type="application/json"):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/readyz":
                if os.path.exists(os.path.join(args.dir, "readyz-fail")):
                    self.reply(500, "[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed\n",
                               "text/plain")
                else:
                    self.reply(200, "ok", "text/plain")
            elif self.path == "/api/v1/nodes":
                if self.headers.get("Authorization") != "Bearer " + args.token:
                    self.reply(401, json.dumps({"kind": "Status", "status": "Failure", "reason": "Unauthorized",
                                                "code": 401, "message": "Unauthorized"}))
                    return
                not_ready = set(read_lines(os.path.join(args.dir, "not-ready")))
                items = []
                for name in read_lines(os.path.join(args.dir, "nodes")) or ["node1"]:
                    ready = name not in not_ready
                    items.append({"metadata": {"name": name}, "status": {"conditions": [
                        {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
                        {"type": "Ready", "status": "True" if ready else "False",
                         "reason": "KubeletReady" if ready else "KubeletNotReady"}]}})
                self.reply(200, json.dumps({"kind": "NodeList", "apiVersion": "v1", "items": items}))
            else:
                self.reply(404, json.dumps({"kind": "Status", "code": 404, "message": "not found"}))

        def log_message(self, *unused):
            pass

    server = ThreadingHTTPServer((args.bind, 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    server.serve_forever()


main()
