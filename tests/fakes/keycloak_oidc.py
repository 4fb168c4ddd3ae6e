#!/usr/bin/python3
"""FAKE of Keycloak's OpenID Connect endpoints, for scsctl's health tests only.

It stands in for the two public, read-only endpoints `scsctl health` asks a real Keycloak
for: GET /realms/REALM/.well-known/openid-configuration (the OIDC discovery document,
with issuer, jwks_uri, authorization_endpoint and token_endpoint as Keycloak writes them)
and GET /realms/REALM/protocol/openid-connect/certs (the realm's JWKS). A real Keycloak
cannot run here: it is a Quarkus/Java server that Debian 12 does not package, needs a
JDK and a database, and takes minutes to start. Nothing else of Keycloak is imitated; the
key in the JWKS is a fixed sample, not a real signing key.

usage: keycloak_oidc.py --dir DIR --bind ADDRESS --cert PEM --key PEM --realm REALM
It listens on a free port (HTTPS) and writes it to DIR/port. The issuer is
https://ADDRESS:PORT/realms/REALM unless DIR/issuer holds another one; while DIR/no-keys
exists the JWKS has no keys. Unknown realms answer 404 as Keycloak does.
"""
import argparse
import json
import os
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    for name in ("--dir", "--bind", "--cert", "--key", "--realm"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    state = {}

    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, document):
            data = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            realm_base = "/realms/" + args.realm
            public = state["base"] + realm_base
            if self.path == realm_base + "/.well-known/openid-configuration":
                issuer = public
                override = os.path.join(args.dir, "issuer")
                if os.path.exists(override):
                    with open(override) as f:
                        issuer = f.read().strip()
                self.reply(200, {"issuer": issuer,
                                 "authorization_endpoint": public + "/protocol/openid-connect/auth",
                                 "token_endpoint": public + "/protocol/openid-connect/token",
                                 "jwks_uri": public + "/protocol/openid-connect/certs",
                                 "response_types_supported": ["code"],
                                 "id_token_signing_alg_values_supported": ["RS256"]})
            elif self.path == realm_base + "/protocol/openid-connect/certs":
                keys = [] if os.path.exists(os.path.join(args.dir, "no-keys")) else [
                    {"kid": "fake-key-1", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB", "n": "sample"}]
                self.reply(200, {"keys": keys})
            elif self.path.startswith("/realms/"):
                self.reply(404, {"error": "Realm does not exist"})
            else:
                self.reply(404, {"error": "Unable to find matching target resource method"})

        def log_message(self, *unused):
            pass

    server = ThreadingHTTPServer((args.bind, 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    state["base"] = "https://%s:%d" % (args.bind, port)
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    server.serve_forever()


main()
