#!/usr/bin/env python3
"""A request still arriving when `tatsh serve` is told to stop.

    python3 Tests/interop/slow_request.py PORT SERVER_PID SIGNAL SECRET_ID SECRET_KEY

Sends the headers and half the body of a signed DescribeInvocations,
signals the server, sends the rest a moment later, and prints the HTTP
status line and the body of the answer; then whether a new connection is
still accepted.
"""
import datetime
import hashlib
import hmac
import os
import signal
import socket
import sys
import time

port, pid, name, secret_id, secret_key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
body = b'{"Limit": 2, "Offset": 0}'
host = "127.0.0.1:%d" % port


def authorization(timestamp):
    """TC3-HMAC-SHA256 over the body, content-type and host (shared/API.md)."""
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    canonical = "POST\n/\n\ncontent-type:application/json\nhost:%s\n\ncontent-type;host\n%s" % (
        host, hashlib.sha256(body).hexdigest())
    scope = "%s/tat/tc3_request" % date
    to_sign = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (timestamp, scope, hashlib.sha256(canonical.encode()).hexdigest())
    key = ("TC3" + secret_key).encode()
    for part in (date, "tat", "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s" % (
        secret_id, scope, signature)


now = int(time.time())
head = (
    "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
    "X-TC-Action: DescribeInvocations\r\nX-TC-Version: 2020-10-28\r\nX-TC-Timestamp: %d\r\n"
    "Authorization: %s\r\nContent-Length: %d\r\n\r\n" % (host, now, authorization(now), len(body))
).encode()

connection = socket.create_connection(("127.0.0.1", port), timeout=10)
connection.sendall(head + body[:10])
time.sleep(0.3)
os.kill(pid, getattr(signal, name))
time.sleep(0.5)
connection.sendall(body[10:])
answer = b""
while True:
    chunk = connection.recv(65536)
    if not chunk:
        break
    answer += chunk
    header, _, rest = answer.partition(b"\r\n\r\n")
    length = [int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length:")]
    if length and len(rest) >= length[0]:
        break
header, _, rest = answer.partition(b"\r\n\r\n")
print(header.split(b"\r\n")[0].decode())
print(rest.decode())
time.sleep(0.5)
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    print("new connection accepted")
except OSError:
    print("new connection refused")
