#!/usr/bin/env python3
"""A request still arriving when `tatsh serve` is told to stop.

    python3 Tests/interop/slow_request.py PORT SERVER_PID SIGNAL

Sends the headers and half the body of an unsigned DescribeInvocations,
signals the server, sends the rest a moment later, and prints the HTTP
status line and the body of the answer; then whether a new connection is
still accepted.
"""
import os
import signal
import socket
import sys
import time

port, pid, name = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = b'{"Limit": 2, "Offset": 0}'
head = (
    "POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
    "X-TC-Action: DescribeInvocations\r\nX-TC-Version: 2020-10-28\r\nContent-Length: %d\r\n\r\n" % (port, len(body))
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
