#!/usr/bin/env python3
"""A real local SMTP server for the tests (PyPI aiosmtpd). Every message received is written to DIR as
NNN.eml, then its envelope as NNN.json; AUTH PLAIN or LOGIN is required and accepts USER/PASSWORD only.
Prints "ready PORT" once listening. Usage: smtp-sink.py DIR USER PASSWORD"""
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

directory, user, password = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        base = os.path.join(directory, f"{Sink.count:03d}")
        with open(base + ".eml", "wb") as message:
            message.write(envelope.original_content or envelope.content)
        with open(base + ".tmp", "w") as meta:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "authenticated": bool(session.authenticated)}, meta)
        os.rename(base + ".tmp", base + ".json")
        return "250 Message accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
    return AuthResult(success=ok, handled=False)


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Sink(), hostname="127.0.0.1", port=port, authenticator=authenticate, auth_required=True,
                        auth_require_tls=False)
controller.start()
print(f"ready {port}", flush=True)
while True:
    time.sleep(3600)
