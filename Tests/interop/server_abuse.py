#!/usr/bin/env python3
"""An abuse catalogue against a running `tatsh serve` (plain HTTP).

    .venv/sdk/bin/python Tests/interop/server_abuse.py HOST:PORT SECRET_ID SECRET_KEY [--pid PID]
        [--only SUBSTRING] [--slowloris N] [--slowloris-seconds S] [--concurrency N] [--verbose]

Sends malformed requests (wrong types for every field of DescribeInvocations,
DescribeInvocationTasks and DescribeCommands, huge arrays, deep nesting,
invalid UTF-8, duplicate JSON keys, missing and repeated headers, bodies
over 10 MB, broken HTTP), a slowloris attack and many concurrent
connections, and checks every answer. Requests that must get past the
signature check are signed with the official SDK's own TC3 code
(`_get_tc3_signature`); everything else is raw bytes on a socket.

Expected: HTTP 200 with the API envelope, the right error code and a
RequestId; for broken HTTP, an HTTP 4xx or a close. After the catalogue
the server must still answer a valid request, and with --pid its RSS
(/proc/PID/status) must stay bounded.

Prints one line per case: name, PASS/FAIL, what came back; exits 1 if any
case FAILs. Run the server with `--rate 0` (a RequestLimitExceeded is
waited out and retried, but the concurrency case would mostly draw it).
"""
import argparse
import json
import os
import resource
import select
import selectors
import socket
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

VERSION = "2020-10-28"
INVALID = "InvalidParameter"  # a prefix: InvalidParameter, InvalidParameterValue.*, InvalidParameter.*
ANY_AUTH = "AuthFailure."


class Answer:
    """What came back on one connection."""

    def __init__(self, status=None, headers=None, body=b"", outcome="answered", seconds=0.0):
        self.status, self.headers, self.body, self.outcome, self.seconds = status, headers or {}, body, outcome, seconds
        self.note = ""

    @property
    def envelope(self):
        try:
            response = json.loads(self.body)["Response"]
            return response if isinstance(response, dict) else None
        except (ValueError, KeyError, TypeError):
            return None

    @property
    def code(self):
        envelope = self.envelope
        return envelope.get("Error", {}).get("Code") if envelope else None

    def __str__(self):
        return self.describe() + (f" ({self.note})" if self.note else "")

    def describe(self):
        if self.outcome != "answered":
            return f"{self.outcome} after {self.seconds:.1f}s"
        envelope = self.envelope
        if envelope is None:
            return f"HTTP {self.status} {self.body[:120]!r}"
        if "Error" in envelope:
            error = envelope["Error"]
            return f"HTTP {self.status} {error.get('Code')}: {str(error.get('Message'))[:90]} (RequestId {envelope.get('RequestId')})"
        sets = [key for key, value in envelope.items() if isinstance(value, list)]
        count = len(envelope[sets[0]]) if sets else "?"
        return f"HTTP {self.status} OK TotalCount={envelope.get('TotalCount')} records={count} (RequestId {envelope.get('RequestId')})"


def read_answer(sock, timeout):
    """Reads one HTTP response (Content-Length or chunked) from `sock`."""
    start = time.monotonic()
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return Answer(outcome="closed" if not data else "closed mid-answer", seconds=time.monotonic() - start)
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while not rest.endswith(b"0\r\n\r\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                rest += chunk
            body, buffer = b"", rest
            while buffer:
                size_line, _, buffer = buffer.partition(b"\r\n")
                size = int(size_line.split(b";")[0] or b"0", 16)
                if size == 0:
                    break
                body, buffer = body + buffer[:size], buffer[size + 2:]
            return Answer(status, headers, body, seconds=time.monotonic() - start)
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return Answer(status, headers, rest[:length], seconds=time.monotonic() - start)
    except socket.timeout:
        return Answer(outcome="no answer (timeout)", seconds=time.monotonic() - start)
    except ConnectionResetError:
        return Answer(outcome="reset", seconds=time.monotonic() - start)


class Client:
    def __init__(self, endpoint, secret_id, secret_key):
        self.endpoint, self.secret_id, self.secret_key = endpoint, secret_id, secret_key
        self.host, port = endpoint.rsplit(":", 1)
        self.port = int(port)
        profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
        self.sdk = tat_client.TatClient(credential.Credential(secret_id, secret_key), "ap-guangzhou", profile)

    def authorization(self, body, content_type="application/json", host=None, timestamp=None, secret_id=None,
                      secret_key=None):
        """A TC3 Authorization header, computed by the SDK's own code."""
        timestamp = int(time.time()) if timestamp is None else timestamp
        request = RequestInternal(host or self.endpoint, "POST", "/")
        request.header = {"Content-Type": content_type, "Host": host or self.endpoint, "X-TC-Timestamp": str(timestamp)}
        request.data = body
        date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
        signature = self.sdk._get_tc3_signature(None, request, date, "tat", secret_key or self.secret_key)
        return (f"TC3-HMAC-SHA256 Credential={secret_id or self.secret_id}/{date}/tat/tc3_request, "
                f"SignedHeaders=content-type;host, Signature={signature}")

    def headers(self, action, body, sign=True, timestamp=None, **signing):
        """The headers of a well-formed request, as an ordered list (so that names can repeat)."""
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers = [("Host", self.endpoint), ("Content-Type", "application/json"), ("X-TC-Action", action),
                   ("X-TC-Version", VERSION), ("X-TC-Timestamp", str(timestamp)), ("X-TC-Region", "ap-guangzhou")]
        if sign:
            headers.append(("Authorization", self.authorization(body, timestamp=timestamp, **signing)))
        return headers

    def raw(self, data, timeout=15):
        """Sends bytes on a fresh connection and reads the answer. Sending stops early
        if the server answers (or stops reading) first, as a real client's would."""
        start = time.monotonic()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
        except OSError as error:
            return Answer(outcome=f"cannot connect ({error})")
        with sock:
            view, sent = memoryview(data), 0
            sock.setblocking(False)
            try:
                while sent < len(data) and time.monotonic() - start < timeout:
                    readable, writable, _ = select.select([sock], [sock], [], 1)
                    if readable:
                        break  # an answer (or a close) before the request was sent in full
                    if writable:
                        sent += sock.send(view[sent:sent + (1 << 20)])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server gave up on the request: read what it said
            sock.setblocking(True)
            answer = read_answer(sock, max(1.0, timeout - (time.monotonic() - start)))
            answer.seconds = time.monotonic() - start
            if sent < len(data) and answer.outcome == "answered":
                answer.note = f"answered after {sent} of {len(data)} bytes"
            return answer

    def send(self, action="DescribeInvocations", body=b"{}", headers=None, edit=None, timeout=15, chunked=False):
        """One request: `body` (bytes, or an object to encode), signed unless `headers` are given;
        `edit` may change the header list. A RequestLimitExceeded is waited out and retried."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        for _ in range(5):
            lines = list(headers) if headers is not None else self.headers(action, body)
            if edit:
                lines = edit(lines)
            if chunked:
                framing = [("Transfer-Encoding", "chunked")]
                payload = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 65536]), body[i:i + 65536])
                                   for i in range(0, len(body), 65536)) + b"0\r\n\r\n"
            else:
                framing, payload = [("Content-Length", str(len(body)))], body
            head = "POST / HTTP/1.1\r\n" + "".join(f"{n}: {v}\r\n" for n, v in lines + framing) + "Connection: close\r\n\r\n"
            answer = self.raw(head.encode("latin-1") + payload, timeout=timeout)
            if answer.code != "RequestLimitExceeded":
                return answer
            time.sleep(1.1)
        return answer

    def alive(self):
        answer = self.send("DescribeInvocations", {"Limit": 1}, timeout=10)
        return answer.status == 200 and answer.envelope is not None and "Error" not in answer.envelope


# --- expectations: each returns (passed, detail) -------------------------------------------

def error(*codes):
    """HTTP 200, the envelope, a RequestId, and a code that is (or starts with) one of `codes`."""
    def check(answer):
        envelope = answer.envelope
        ok = (answer.status == 200 and envelope is not None and "Error" in envelope
              and isinstance(envelope.get("RequestId"), str) and envelope["RequestId"]
              and any(answer.code == c or (c.endswith(".") or c == INVALID) and str(answer.code).startswith(c)
                      for c in codes))
        return ok, str(answer) + ("" if ok else f"  [expected {' or '.join(codes)}]")
    return check


def success(most=None):
    """HTTP 200, the envelope without Error, a RequestId; at most `most` records."""
    def check(answer):
        envelope = answer.envelope
        ok = answer.status == 200 and envelope is not None and "Error" not in envelope and envelope.get("RequestId")
        if ok and most is not None:
            sets = [v for v in envelope.values() if isinstance(v, list)]
            ok = bool(sets) and len(sets[0]) <= most
        return bool(ok), str(answer) + ("" if ok else "  [expected success" + (f", at most {most} records]" if most else "]"))
    return check


def either(*checks):
    def check(answer):
        results = [c(answer) for c in checks]
        ok = any(passed for passed, _ in results)
        return ok, results[0][1].split("  [")[0] + ("" if ok else "  [expected one of: " + "; ".join(
            r[1].split("  [expected ")[-1].rstrip("]") for r in results) + "]")
    return check


def refused(answer):
    """For broken HTTP: a 4xx, or the connection closed (FIN or RST); never a hang or a 5xx."""
    ok = (answer.outcome == "answered" and answer.status is not None and 400 <= answer.status < 500) or \
        answer.outcome in ("closed", "reset")
    return ok, str(answer) + ("" if ok else "  [expected HTTP 4xx or a close]")


def api_error_or_refused(*codes):
    return either(error(*codes), refused)


# --- the catalogue ---------------------------------------------------------------------------

def type_cases():
    """Every field of the three actions with values of the wrong type (and a few wrong values)."""
    wrong = {
        "string": "x", "number": 5, "float": 1.5, "bool": True, "object": {"a": 1}, "array-of-numbers": [1, 2],
        "array-of-null": [None], "array-of-objects": [{}],
    }
    cases = []
    fields = {
        "DescribeInvocations": {"InvocationIds": "ids", "Filters": "filters", "Limit": "int", "Offset": "int"},
        "DescribeInvocationTasks": {"InvocationTaskIds": "ids", "Filters": "filters", "Limit": "int",
                                    "Offset": "int", "HideOutput": "bool"},
        "DescribeCommands": {"CommandIds": "ids", "Filters": "filters", "Limit": "int", "Offset": "int"},
    }
    for action, shape in fields.items():
        for field, kind in shape.items():
            for label, value in wrong.items():
                if (kind == "int" and label == "number") or (kind == "bool" and label == "bool"):
                    continue
                codes = (INVALID, "MissingParameter") if kind == "filters" and label == "array-of-objects" else (INVALID,)
                cases.append((f"{action} {field}={label}", action, {field: value}, error(*codes)))
    filter_name = {"DescribeInvocations": "invocation-id", "DescribeInvocationTasks": "invocation-id",
                   "DescribeCommands": "command-id"}
    for action, name in filter_name.items():
        bad = [
            ("Filter.Name=number", [{"Name": 1, "Values": ["x"]}], INVALID),
            ("Filter.Values=string", [{"Name": name, "Values": "x"}], INVALID),
            ("Filter.Values=[number]", [{"Name": name, "Values": [1]}], INVALID),
            ("Filter without Values", [{"Name": name}], (INVALID, "MissingParameter")),
            ("Filter without Name", [{"Values": ["x"]}], (INVALID, "MissingParameter")),
            ("Filter extra key", [{"Name": name, "Values": ["x"], "Op": "eq"}], (INVALID, "UnknownParameter")),
            ("Filter unknown name", [{"Name": "no-such-filter", "Values": ["x"]}], INVALID),
            ("Filter 6 values", [{"Name": name, "Values": ["a", "b", "c", "d", "e", "f"]}], ("LimitExceeded.",)),
            ("11 filters", [{"Name": name, "Values": ["x"]}] * 11, ("LimitExceeded.",)),
        ]
        for label, filters, codes in bad:
            codes = codes if isinstance(codes, tuple) else (codes,)
            cases.append((f"{action} {label}", action, {"Filters": filters}, error(*codes)))
        cases += [
            (f"{action} Limit=-1", action, {"Limit": -1}, error(INVALID)),
            (f"{action} Limit=101", action, {"Limit": 101}, error(INVALID)),
            (f"{action} Limit=2^63", action, b'{"Limit": 9223372036854775808}', error(INVALID)),
            (f"{action} Limit=1e400", action, b'{"Limit": 1e400}', error(INVALID)),
            (f"{action} Offset=-1", action, {"Offset": -1}, error(INVALID)),
            (f"{action} Offset=2^62", action, {"Offset": 2 ** 62}, either(success(0), error(INVALID))),
            (f"{action} Limit=\"10\"", action, {"Limit": "10"}, error(INVALID)),
            (f"{action} Limit=null", action, {"Limit": None}, either(success(), error(INVALID))),
            (f"{action} unknown key", action, {"Bogus": 1}, error("UnknownParameter")),
            (f"{action} key in lower case", action, {"limit": 1}, error("UnknownParameter")),
        ]
    ids = {"DescribeInvocations": ("InvocationIds", "invocation-id"),
           "DescribeInvocationTasks": ("InvocationTaskIds", "invocation-id"),
           "DescribeCommands": ("CommandIds", "command-id")}
    for action, (field, name) in ids.items():
        cases += [
            (f"{action} {field} and Filters", action, {field: ["x-abcdefgh"], "Filters": [{"Name": name, "Values": ["x"]}]},
             error(INVALID)),
            (f"{action} 101 {field}", action, {field: [f"x-{i:08d}" for i in range(101)]}, error(INVALID)),
        ]
    for label, body in [("array", b"[]"), ("string", b'"x"'), ("number", b"1"), ("null", b"null"),
                        ("not JSON", b"Limit=1"), ("trailing garbage", b'{"Limit": 1} x'),
                        ("two objects", b'{"Limit": 1}{"Limit": 2}')]:
        cases.append((f"body is {label}", "DescribeInvocations", body, error(INVALID)))
    cases.append(("empty body", "DescribeInvocations", b"", either(success(), error(INVALID, "MissingParameter"))))
    return cases


def big_cases():
    n = 100_000
    nest = n
    return [
        ("100,000 InvocationIds", "DescribeInvocations", {"InvocationIds": [f"inv-{i:08x}" for i in range(n)]},
         error(INVALID)),
        ("100,000 InvocationTaskIds", "DescribeInvocationTasks",
         {"InvocationTaskIds": [f"invt-{i:08x}" for i in range(n)]}, error(INVALID)),
        ("100,000 CommandIds", "DescribeCommands", {"CommandIds": [f"cmd-{i:08x}" for i in range(n)]}, error(INVALID)),
        ("100,000 Filters", "DescribeInvocations", {"Filters": [{"Name": "invocation-id", "Values": ["x"]}] * n},
         error("LimitExceeded.", INVALID)),
        ("100,000 Filter Values", "DescribeInvocations",
         {"Filters": [{"Name": "invocation-id", "Values": [f"inv-{i:08x}" for i in range(n)]}]},
         error("LimitExceeded.", INVALID)),
        ("100,000 unknown keys", "DescribeInvocations", {f"K{i}": i for i in range(n)}, error("UnknownParameter", INVALID)),
        ("100,000 nested [ (unclosed)", "DescribeInvocations", b"[" * nest, error(INVALID)),
        ("100,000 nested [ ] in Limit", "DescribeInvocations",
         b'{"Limit": ' + b"[" * nest + b"]" * nest + b"}", error(INVALID)),
        ("100,000 nested objects", "DescribeInvocations",
         b'{"Filters": ' + b'{"a":' * nest + b"1" + b"}" * nest + b"}", error(INVALID)),
        ("100,000 nested [ in Filter Values", "DescribeInvocations",
         b'{"Filters": [{"Name": "invocation-id", "Values": ' + b"[" * nest + b"]" * nest + b"}]}", error(INVALID)),
        ("1,000,000-character id", "DescribeInvocations", {"InvocationIds": ["inv-" + "a" * 1_000_000]},
         either(success(0), error(INVALID))),
        ("9 MB string value", "DescribeInvocations", {"Filters": [{"Name": "invocation-id", "Values": ["a" * 9_000_000]}]},
         either(success(0), error(INVALID))),
    ]


def encoding_cases():
    return [
        ("invalid UTF-8 in a string", "DescribeInvocations", b'{"InvocationIds": ["inv-\xff\xfe\xc3\x28"]}',
         either(error(INVALID), success(0))),
        ("invalid UTF-8 in a key", "DescribeInvocations", b'{"Lim\xffit": 1}', error(INVALID, "UnknownParameter")),
        ("overlong UTF-8 (C0 AF)", "DescribeInvocations", b'{"InvocationIds": ["inv-\xc0\xaf"]}',
         either(error(INVALID), success(0))),
        ("lone surrogate escape", "DescribeInvocations", b'{"InvocationIds": ["inv-\\ud800"]}',
         either(error(INVALID), success(0))),
        ("NUL byte in the body", "DescribeInvocations", b'{"Limit": 1\x00}', error(INVALID)),
        ("escaped NUL in a value", "DescribeInvocations", b'{"InvocationIds": ["inv-\\u0000"]}',
         either(error(INVALID), success(0))),
        ("UTF-8 BOM before the body", "DescribeInvocations", b'\xef\xbb\xbf{"Limit": 1}',
         either(error(INVALID), success(1))),
        ("UTF-16 body", "DescribeInvocations", '{"Limit": 1}'.encode("utf-16"), either(error(INVALID), success(1))),
        ("duplicate key Limit 200 then 1", "DescribeInvocations", b'{"Limit": 200, "Limit": 1}',
         either(error(INVALID), success(100))),
        ("duplicate key Limit 1 then 200", "DescribeInvocations", b'{"Limit": 1, "Limit": 200}',
         either(error(INVALID), success(100))),
        ("duplicate key Limit 1 then \"x\"", "DescribeInvocations", b'{"Limit": 1, "Limit": "x"}',
         either(error(INVALID), success(1))),
        ("duplicate key Limit \"x\" then 1", "DescribeInvocations", b'{"Limit": "x", "Limit": 1}',
         either(error(INVALID), success(1))),
        ("duplicate key Filters and InvocationIds twice", "DescribeInvocations",
         b'{"InvocationIds": ["inv-q4zp60g0"], "InvocationIds": ["inv-q4zp60g0", "inv-aaaaaaaa"]}',
         either(error(INVALID), success(2))),
    ]


def header_cases(client):
    """Headers missing, wrong, repeated; the signature checks. Each builds its own header list."""
    body = b'{"Limit": 1}'

    def drop(name):
        return lambda lines: [(n, v) for n, v in lines if n.lower() != name.lower()]

    def replace(name, value):
        return lambda lines: [(n, value if n.lower() == name.lower() else v) for n, v in lines]

    def add(name, value, first=False):
        return lambda lines: ([(name, value)] + lines) if first else (lines + [(name, value)])

    bogus_auth = "TC3-HMAC-SHA256 Credential=AKIDnobody/2026-01-01/tat/tc3_request, SignedHeaders=content-type;host, Signature=00"
    now = int(time.time())
    return [
        ("no X-TC-Action", drop("X-TC-Action"), error("MissingParameter")),
        ("empty X-TC-Action", replace("X-TC-Action", ""), error("MissingParameter", "InvalidAction")),
        ("unknown X-TC-Action", replace("X-TC-Action", "DescribeNothing"), error("InvalidAction")),
        ("X-TC-Action in lower case", replace("X-TC-Action", "describeinvocations"), error("InvalidAction")),
        ("X-TC-Action with a NUL", replace("X-TC-Action", "DescribeInvocations\x00"), api_error_or_refused("InvalidAction")),
        ("no X-TC-Version", drop("X-TC-Version"), error("NoSuchVersion", "MissingParameter")),
        ("X-TC-Version 2017-03-12", replace("X-TC-Version", "2017-03-12"), error("NoSuchVersion")),
        ("no Authorization", drop("Authorization"), error(ANY_AUTH)),
        ("Authorization not TC3", replace("Authorization", "Basic YTpi"), error("AuthFailure.InvalidAuthorization")),
        ("unknown SecretId", replace("Authorization", bogus_auth), error("AuthFailure.SecretIdNotFound")),
        ("signed with the wrong key", replace("Authorization", client.authorization(body, timestamp=now, secret_key="wrong")),
         error("AuthFailure.SignatureFailure")),
        ("no X-TC-Timestamp", drop("X-TC-Timestamp"), error(ANY_AUTH, "MissingParameter")),
        ("X-TC-Timestamp not a number", replace("X-TC-Timestamp", "soon"), error(ANY_AUTH, INVALID)),
        ("signature 10 minutes old", lambda lines: replace("Authorization", client.authorization(body, timestamp=now - 600))(
            replace("X-TC-Timestamp", str(now - 600))(lines)), error("AuthFailure.SignatureExpire")),
        ("Host changed after signing", replace("Host", "evil.example:1"), error("AuthFailure.SignatureFailure")),
        ("Content-Type changed after signing", replace("Content-Type", "text/plain"), error("AuthFailure.SignatureFailure")),
        ("no Content-Type", drop("Content-Type"), error("AuthFailure.SignatureFailure", INVALID)),
        ("two X-TC-Action (Invocations, Commands)", add("X-TC-Action", "DescribeCommands"),
         api_error_or_refused(INVALID, "InvalidAction", "MissingParameter")),
        ("two X-TC-Action (Commands first)", add("X-TC-Action", "DescribeCommands", first=True),
         api_error_or_refused(INVALID, "InvalidAction", "MissingParameter")),
        ("two X-TC-Action, the same", add("X-TC-Action", "DescribeInvocations"),
         either(success(1), error(INVALID, "InvalidAction", "MissingParameter"), refused)),
        ("two Authorization (valid, then bogus)", add("Authorization", bogus_auth), api_error_or_refused(ANY_AUTH)),
        ("two Authorization (bogus, then valid)", add("Authorization", bogus_auth, first=True),
         api_error_or_refused(ANY_AUTH)),
        ("two X-TC-Version (right, then wrong)", add("X-TC-Version", "2017-03-12"),
         api_error_or_refused("NoSuchVersion", INVALID)),
        ("two X-TC-Version (wrong, then right)", add("X-TC-Version", "2017-03-12", first=True),
         api_error_or_refused("NoSuchVersion", INVALID)),
        ("two Host", add("Host", "evil.example:1"), api_error_or_refused(ANY_AUTH)),
        ("two X-TC-Timestamp", add("X-TC-Timestamp", "1"), api_error_or_refused(ANY_AUTH, INVALID)),
        ("header value of 100 KB", add("X-TC-Language", "x" * 100_000), either(success(1), refused)),
        ("10,000 headers", lambda lines: lines + [(f"X-Junk-{i}", "x") for i in range(10_000)],
         either(success(1), refused)),
    ]


def http_cases(client):
    """Broken HTTP: the server must answer 4xx or close, never hang or die."""
    host = client.endpoint
    good = client.headers("DescribeInvocations", b'{"Limit": 1}')
    head = "".join(f"{n}: {v}\r\n" for n, v in good)
    return [
        ("GET /", f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode(),
         either(refused, error("InvalidAction", INVALID, "UnsupportedOperation"))),
        ("POST /other", f"POST /other HTTP/1.1\r\n{head}Content-Length: 12\r\nConnection: close\r\n\r\n".encode()
         + b'{"Limit": 1}', either(refused, error("InvalidAction", INVALID))),
        ("garbage request line", b"HELLO\r\n\r\n", refused),
        ("binary noise", bytes(range(256)) * 4, refused),
        ("two different Content-Length", f"POST / HTTP/1.1\r\n{head}Content-Length: 12\r\nContent-Length: 2\r\n"
         "Connection: close\r\n\r\n".encode() + b'{"Limit": 1}', refused),
        ("Content-Length and chunked", f"POST / HTTP/1.1\r\n{head}Content-Length: 12\r\nTransfer-Encoding: chunked\r\n"
         "Connection: close\r\n\r\n".encode() + b'c\r\n{"Limit": 1}\r\n0\r\n\r\n', either(refused, success(1))),
        ("negative Content-Length", f"POST / HTTP/1.1\r\n{head}Content-Length: -5\r\nConnection: close\r\n\r\n".encode(),
         refused),
        ("Content-Length 2^64", f"POST / HTTP/1.1\r\n{head}Content-Length: 18446744073709551616\r\n"
         "Connection: close\r\n\r\n".encode(), refused),
        ("bad chunk size", f"POST / HTTP/1.1\r\n{head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n".encode()
         + b"zz\r\nabc\r\n0\r\n\r\n", refused),
        ("HTTP/0.9 request", b"POST /\r\n\r\n", refused),
        ("header without a colon", f"POST / HTTP/1.1\r\n{head}NoColonHere\r\nContent-Length: 0\r\n\r\n".encode(), refused),
        ("request line of 1 MB", b"POST /" + b"a" * 1_000_000 + b" HTTP/1.1\r\n\r\n", refused),
    ]


def run_catalogue(client, want, report, pid=None):
    for name, action, body, check in type_cases() + encoding_cases():
        if want(name):
            report(name, *check(client.send(action, body, timeout=30)))
    for name, action, body, check in big_cases():
        if not want(name):
            continue
        body = body if isinstance(body, bytes) else json.dumps(body).encode()
        start = time.monotonic()
        passed, detail = check(client.send(action, body, timeout=60))
        memory = f", server RSS now {rss(pid)[0]:.0f} MB, peak {rss(pid)[1]:.0f} MB" if pid else ""
        report(name, passed, f"{detail} ({len(body) / 1e6:.1f} MB) in {time.monotonic() - start:.2f}s{memory}")
        if not client.alive():
            report(name + ": server still answers", False, "the server no longer answers")
            return
    for name, edit, check in header_cases(client):
        if want(name):
            report(name, *check(client.send("DescribeInvocations", b'{"Limit": 1}', edit=edit)))
    for name, data, check in http_cases(client):
        if want(name):
            report(name, *check(client.raw(data, timeout=10)))
    oversized(client, want, report)


def oversized(client, want, report):
    """Bodies over 10 MB: RequestSizeLimitExceeded (with a RequestId), with or without a signature."""
    for label, size, chunked, sign in [("10 MB + 1, unsigned", 10 * 1024 * 1024 + 1, False, False),
                                       ("11 MB, signed", 11 * 1024 * 1024, False, True),
                                       ("11 MB chunked, unsigned", 11 * 1024 * 1024, True, False),
                                       ("70 MB, unsigned", 70 * 1024 * 1024, False, False)]:
        name = f"body of {label}"
        if not want(name):
            continue
        prefix, suffix = b'{"InvocationIds": ["', b'"]}'
        body = prefix + b"a" * (size - len(prefix) - len(suffix)) + suffix
        headers = client.headers("DescribeInvocations", body, sign=sign)
        start = time.monotonic()
        answer = client.send(headers=headers, body=body, timeout=60, chunked=chunked)
        check = error("RequestSizeLimitExceeded") if size < 64 * 1024 * 1024 else \
            either(error("RequestSizeLimitExceeded"), refused)
        passed, detail = check(answer)
        report(name, passed, f"{detail} ({len(body)} bytes) in {time.monotonic() - start:.1f}s")
    if want("body of exactly 10 MB, signed"):
        prefix = b'{"Limit": 1, "Offset": 0'
        body = prefix + b" " * (10 * 1024 * 1024 - len(prefix) - 1) + b"}"
        report("body of exactly 10 MB, signed", *success(1)(client.send(body=body, timeout=60)))


def slowloris(client, args, report):
    """N connections send a request's headers one byte every few seconds (and N more, a body);
    meanwhile valid requests on other connections must be answered promptly."""
    n, seconds, pause = args.slowloris, args.slowloris_seconds, 2.0
    body = b'{"Limit": 1}'
    head = "POST / HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in client.headers("DescribeInvocations", body)) + \
        f"Content-Length: {len(body)}\r\n\r\n"
    slow = []
    for i in range(n):
        sock = socket.create_connection((client.host, client.port), timeout=5)
        sock.setblocking(False)
        # half dribble the headers, half send the headers whole and dribble the body
        slow.append({"sock": sock, "data": head.encode() + body if i % 2 == 0 else body, "sent": 0,
                     "closed": None, "kind": "headers" if i % 2 == 0 else "body"})
        if i % 2:
            sock.sendall(head.encode())
    start = time.monotonic()
    served, slowest, failures = 0, 0.0, []
    next_byte = start
    while time.monotonic() - start < seconds:
        if time.monotonic() >= next_byte:
            next_byte += pause
            for conn in slow:
                if conn["closed"] is None and conn["sent"] < len(conn["data"]) - 1:  # never the last byte
                    try:
                        conn["sock"].send(conn["data"][conn["sent"]:conn["sent"] + 1])
                        conn["sent"] += 1
                    except OSError:
                        conn["closed"] = time.monotonic() - start
        for conn in slow:  # has the server closed it (or answered)?
            if conn["closed"] is None:
                try:
                    if conn["sock"].recv(65536, socket.MSG_PEEK) == b"":
                        conn["closed"] = time.monotonic() - start
                    else:
                        conn["closed"] = -(time.monotonic() - start)  # answered before the request ended
                except BlockingIOError:
                    pass
                except OSError:
                    conn["closed"] = time.monotonic() - start
        t = time.monotonic()
        ok = client.alive()
        slowest = max(slowest, time.monotonic() - t)
        served += ok
        if not ok:
            failures.append(round(t - start, 1))
        time.sleep(0.5)
    closed = [c for c in slow if c["closed"] is not None and c["closed"] >= 0]
    answered_early = [c for c in slow if c["closed"] is not None and c["closed"] < 0]
    for conn in slow:
        conn["sock"].close()
    report(f"slowloris: {n} slow connections, others still served", not failures and slowest < 2.0,
           f"{served} valid requests answered during {seconds:.0f}s, slowest {slowest:.2f}s"
           + (f", failed at {failures}" if failures else ""))
    by_kind = {kind: [c["closed"] for c in closed if c["kind"] == kind] for kind in ("headers", "body")}
    detail = ", ".join(
        f"{len(v)}/{sum(c['kind'] == k for c in slow)} dribbling {k} closed by the server"
        + (f" (after {min(v):.0f}–{max(v):.0f}s)" if v else "") for k, v in by_kind.items())
    if answered_early:
        detail += f"; {len(answered_early)} got an answer before their request was complete"
    # informational unless --require-slowloris-close: a server without a read timeout keeps them forever
    report("slowloris: slow connections closed by the server", bool(closed) or not args.require_slowloris_close,
           detail + ("" if closed else " (never closed within the test: no header/body read timeout)"))


def concurrency(client, args, report):
    """N connections at once, each with a valid request: all answered (any API envelope) or closed cleanly."""
    n = args.concurrency
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    body = b'{"Limit": 1}'
    request = ("POST / HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in client.headers("DescribeInvocations", body))
               + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    selector = selectors.DefaultSelector()
    conns = []
    start = time.monotonic()
    for _ in range(n):
        sock = socket.socket()
        sock.setblocking(False)
        sock.connect_ex((client.host, client.port))
        conn = {"sock": sock, "out": request, "in": b"", "result": None}
        conns.append(conn)
        selector.register(sock, selectors.EVENT_WRITE, conn)
    pending = n
    while pending and time.monotonic() - start < 60:
        for key, events in selector.select(timeout=1):
            conn, sock = key.data, key.fileobj
            try:
                if events & selectors.EVENT_WRITE and conn["out"]:
                    sent = sock.send(conn["out"])
                    conn["out"] = conn["out"][sent:]
                    if not conn["out"]:
                        selector.modify(sock, selectors.EVENT_READ, conn)
                    continue
                chunk = sock.recv(65536)
                if chunk:
                    conn["in"] += chunk
                    continue
                conn["result"] = "answered" if conn["in"] else "closed"
            except (ConnectionResetError, BrokenPipeError, ConnectionRefusedError) as failure:
                conn["result"] = "reset" if not conn["in"] else "answered"
                conn["error"] = type(failure).__name__
            selector.unregister(sock)
            sock.close()
            pending -= 1
    seconds = time.monotonic() - start
    tally = {}
    for conn in conns:
        if conn["result"] is None:
            conn["result"] = "no answer in 60s"
            selector.unregister(conn["sock"])
            conn["sock"].close()
        if conn["result"] == "answered":
            head, _, rest = conn["in"].partition(b"\r\n\r\n")
            try:
                response = json.loads(rest)["Response"]
                label = response.get("Error", {}).get("Code", "OK") if response.get("RequestId") else "no RequestId"
            except (ValueError, KeyError):
                label = head.split(b"\r\n")[0].decode("latin-1", "replace")
            conn["result"] = label
        tally[conn["result"]] = tally.get(conn["result"], 0) + 1
    bad = {k: v for k, v in tally.items() if k not in ("OK", "RequestLimitExceeded", "closed")}
    report(f"{n} concurrent connections", not bad, f"{tally} in {seconds:.1f}s")


def rss(pid):
    """VmRSS and VmHWM (peak) of `pid` in MB, from /proc."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("endpoint", help="HOST:PORT of tatsh serve (plain HTTP)")
    parser.add_argument("secret_id")
    parser.add_argument("secret_key")
    parser.add_argument("--pid", type=int, help="the server's process id, to measure its memory")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--slowloris", type=int, default=40, help="slow connections (0: skip)")
    parser.add_argument("--slowloris-seconds", type=float, default=12.0)
    parser.add_argument("--require-slowloris-close", action="store_true",
                        help="FAIL when the server never closes the slow connections")
    parser.add_argument("--concurrency", type=int, default=1000, help="concurrent connections (0: skip)")
    parser.add_argument("--rss-growth", type=float, default=100.0, help="most MB the RSS may grow")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    client = Client(args.endpoint, args.secret_id, args.secret_key)
    results = []

    def want(name):
        return not args.only or args.only in name

    def report(name, passed, detail):
        results.append(passed)
        detail = "".join(c if c.isprintable() else repr(c)[1:-1] for c in detail)  # no raw control bytes
        print(f"{name:<52} {'PASS' if passed else 'FAIL'}  {detail}", flush=True)

    started = time.monotonic()
    # the official SDK itself, as a baseline
    try:
        request = models.DescribeInvocationsRequest()
        request.Limit = 1
        answer = client.sdk.DescribeInvocations(request)
        report("baseline: the SDK's DescribeInvocations", True, f"TotalCount={answer.TotalCount} RequestId {answer.RequestId}")
    except Exception as failure:  # noqa: BLE001 - any failure of the baseline is the finding
        report("baseline: the SDK's DescribeInvocations", False, repr(failure))
        sys.exit(1)
    for action in ("DescribeInvocations", "DescribeInvocationTasks", "DescribeCommands"):
        report(f"baseline: signed {action}", *success(1)(client.send(action, {"Limit": 1})))
    before = rss(args.pid) if args.pid else None

    run_catalogue(client, want, report, args.pid)
    if args.slowloris and want("slowloris"):
        slowloris(client, args, report)
    if args.concurrency and want("concurrent connections"):
        concurrency(client, args, report)

    report("after the catalogue: a valid request", client.alive(), "answered" if client.alive() else "no answer")
    if args.pid:
        after = rss(args.pid)
        grown = after[0] - before[0]
        report("server memory", grown <= args.rss_growth,
               f"RSS {before[0]:.0f} MB before, {after[0]:.0f} MB after (peak {after[1]:.0f} MB), "
               f"+{grown:.0f} MB (at most {args.rss_growth:.0f})")
    failed = results.count(False)
    print(f"{len(results) - failed} PASS, {failed} FAIL in {time.monotonic() - started:.0f}s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
