#!/usr/bin/env python3
"""A fake TAT endpoint on loopback that answers from a deterministic
in-memory dataset and injects one fault, for testing tatsh's cloud client.

    python3 Tests/interop/fault_endpoint.py --port 0 --fault rate-limit [--times K] [--skip M]
        [--every N] [--action ACTION] [--delay S] [--insert K] [--invocations N] [--seed S]
        [--log FILE]
    python3 Tests/interop/fault_endpoint.py --dataset [--invocations N] [--seed S]

Prints `listening on http://127.0.0.1:PORT` (flushed) and serves until
SIGINT/SIGTERM. With --dataset it prints the dataset's truth as one JSON
object (ids, FAILED ids, their task count) and exits.

Answers DescribeInvocations, DescribeInvocationTasks and DescribeCommands
(ids, Filters, Limit/Offset, HideOutput) in the shapes `tatsh serve` uses.
Signatures are not checked. Every answer carries a RequestId: `ok-req-NNNN`
for normal answers, `fault-req-NNNN` where a fault was injected (NNNN is
the request's number, from 1).

Which requests get the fault: requests to --action (default: any action)
are counted; the first --skip of them are answered normally, then every
--every-th one (default 1: each) gets the fault, --times times in all
(default 1; 0 = forever, i.e. a permanent fault). Faults:

  rate-limit        RequestLimitExceeded envelope
  internal-error    InternalError envelope
  auth-failure      AuthFailure.SignatureFailure envelope (use --times 0)
  invalid-parameter InvalidParameter envelope (use --times 0)
  http-500/502/503  that HTTP status, with an InternalError envelope as body
  reset             the connection is closed with SO_LINGER 0 (RST), no answer
  short-body        Content-Length of the whole answer, half of it sent, then close
  truncated         HTTP 200, honest Content-Length, JSON cut in half
  malformed         HTTP 200, body `{"Response": [`
  not-found         HTTP 404 with an HTML page (a wrong endpoint or a proxy's error page)
  slow              the right answer, after sleeping --delay seconds (default 35)
  stall             HTTP 200, headers and the body's first 60 bytes (its RequestId first),
                    then nothing for --delay seconds, the connection kept open
  drip              HTTP 200, the right answer, one byte a second
  close-no-length   HTTP 200 without Content-Length, half the body, then close
  chunked-cut       HTTP 200, chunked, half the body in one chunk, then close (no last chunk)
  half-close        the right answer, kept alive; then the server half-closes the
                    connection (FIN) and answers nothing more on it
  http-502-html     HTTP 502 with a proxy's HTML page
  http-504-html     HTTP 504 with a proxy's HTML page
  envelope          HTTP 200 with Response.Error of --code (any code of shared/API.md)
  signature-expire  AuthFailure.SignatureExpire, with a Date header --skew seconds
                    (default 1000) ahead of this machine's clock
  total-grow        after the first DescribeInvocations page at Offset 0 is answered,
                    --insert (default 5) newer invocations appear at the top
  total-shrink      likewise, the --insert newest invocations disappear

Each request is logged to --log as a JSON line: n, time, action, body,
fault (or null), and the answer (HTTP status, RequestId, error code or
TotalCount and the ids returned).
"""
import argparse
import base64
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ENVELOPE_FAULTS = {
    "rate-limit": ("RequestLimitExceeded", "Injected: more than 20 requests a second."),
    "internal-error": ("InternalError", "Injected: an internal error."),
    "auth-failure": ("AuthFailure.SignatureFailure", "Injected: the signature does not match."),
    "invalid-parameter": ("InvalidParameter", "Injected: a parameter is invalid."),
}
HTTP_FAULTS = {"http-500": 500, "http-502": 502, "http-503": 503}
OTHER_FAULTS = ["reset", "short-body", "truncated", "malformed", "not-found", "slow", "total-grow", "total-shrink",
                "stall", "drip", "close-no-length", "chunked-cut", "half-close", "http-502-html", "http-504-html",
                "envelope", "signature-expire", "not-http"]
PROXY_PAGE = b"<html><head><title>%d</title></head><body><center><h1>%d %s</h1></center><hr><center>nginx</center></body></html>"
FAULTS = list(ENVELOPE_FAULTS) + list(HTTP_FAULTS) + OTHER_FAULTS

ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
END = 1795910400  # 2026-11-29T00:00:00Z, the newest visible invocation's time


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


def b64(text):
    return base64.b64encode(text.encode()).decode()


class Dataset:
    """Invocations newest first, each with 1–3 tasks; about a fifth FAILED.
    `extra` more invocations, newer than all, are kept aside for total-grow."""

    COMMANDS = [
        ("cmd-backup01", "backup-mysql", "mysqldump orders | gzip > /backup/orders.sql.gz\n", "USER"),
        ("cmd-uptime01", "uptime", "uptime\n", "USER"),
        ("cmd-tatmon01", "TAT_InstallCloudMonitor", "sh /tmp/install-monitor.sh\n", "TAT"),
        ("cmd-diskfr01", "disk-free", "df -h /\n", "USER"),
    ]

    def __init__(self, count, seed, extra):
        rng = random.Random(seed)
        used = set()

        def new_id(prefix):
            while True:
                ident = prefix + "".join(rng.choice(ALNUM) for _ in range(8))
                if ident not in used:
                    used.add(ident)
                    return ident

        self.commands = [self._command(*c, index) for index, c in enumerate(self.COMMANDS)]

        def make(created):
            command = self.commands[rng.randrange(len(self.commands))]
            kind = "LIGHTHOUSE" if rng.random() < 0.2 else "CVM"
            failed = rng.random() < 0.2
            tasks = []
            for t in range(rng.randint(1, 3)):
                task_failed = failed and (t == 0 or rng.random() < 0.5)
                tasks.append(self._task(new_id("invt-"), new_id("ins-"), command, created, task_failed))
            inv_id = new_id("inv-")
            for task in tasks:
                task["InvocationId"] = inv_id
            return self._invocation(inv_id, command, kind, created, failed, tasks)

        # newest first, 10 minutes apart; `extra` newer ones are hidden until total-grow shows them
        self.invocations = [make(END - 600 * index) for index in range(count)]
        self.hidden = [make(END + 600 * (extra - index)) for index in range(extra)]

    @staticmethod
    def _command(cid, name, content, created_by, index):
        return {
            "CommandId": cid, "CommandName": name, "Description": name, "Content": b64(content),
            "CommandType": "SHELL", "WorkingDirectory": "/root", "Timeout": 60,
            "CreatedTime": iso(END - 86400 * (30 + index)), "UpdatedTime": iso(END - 86400 * (30 + index)),
            "EnableParameter": False, "DefaultParameters": "{}", "Scenes": [],
            "FormattedDescription": name, "CreatedBy": created_by, "Tags": [], "Username": "root",
            "OutputCOSBucketUrl": "", "OutputCOSKeyPrefix": "",
        }

    @staticmethod
    def _task(task_id, instance, command, created, failed):
        code = 1 if failed else 0
        output = "error: something broke\n" if failed else "ok\n"
        return {
            "InvocationId": None, "InvocationTaskId": task_id, "CommandId": command["CommandId"],
            "TaskStatus": "FAILED" if failed else "SUCCESS", "InstanceId": instance,
            "TaskResult": {
                "ExitCode": code, "Output": b64(output), "ExecStartTime": iso(created + 2),
                "ExecEndTime": iso(created + 5), "Dropped": 0, "OutputUrl": "", "OutputUploadCOSErrorInfo": "",
            },
            "StartTime": iso(created), "EndTime": iso(created + 6), "CreatedTime": iso(created),
            "UpdatedTime": iso(created + 6),
            "CommandDocument": {
                "Content": command["Content"], "CommandType": "SHELL", "Timeout": 60,
                "WorkingDirectory": "/root", "Username": "root", "OutputCOSBucketUrl": "", "OutputCOSKeyPrefix": "",
            },
            "ErrorInfo": "", "InvocationSource": "USER", "CommandName": command["CommandName"],
        }

    @staticmethod
    def _invocation(inv_id, command, kind, created, failed, tasks):
        return {
            "InvocationId": inv_id, "CommandId": command["CommandId"], "CommandName": command["CommandName"],
            "InvocationStatus": "FAILED" if failed else "SUCCESS",
            "InvocationTaskBasicInfoSet": [
                {"InvocationTaskId": t["InvocationTaskId"], "TaskStatus": t["TaskStatus"], "InstanceId": t["InstanceId"]}
                for t in tasks
            ],
            "Description": "", "StartTime": iso(created), "EndTime": iso(created + 6), "CreatedTime": iso(created),
            "UpdatedTime": iso(created + 6), "Parameters": "", "DefaultParameters": "{}", "InstanceKind": kind,
            "Username": "root", "InvocationSource": "USER", "CommandContent": command["Content"],
            "CommandType": "SHELL", "Timeout": 60, "WorkingDirectory": "/root",
            "OutputCOSBucketUrl": "", "OutputCOSKeyPrefix": "", "_tasks": tasks,
        }

    def tasks(self):
        return [t for inv in self.invocations for t in inv["_tasks"]]

    def truth(self):
        failed = [i for i in self.invocations if i["InvocationStatus"] == "FAILED"]
        return {
            "invocations": [i["InvocationId"] for i in self.invocations],
            "hidden": [i["InvocationId"] for i in self.hidden],
            "failed": [i["InvocationId"] for i in failed],
            "failed_tasks": sum(len(i["_tasks"]) for i in failed),
            "tasks": len(self.tasks()),
        }


class ApiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def page(items, body):
    limit, offset = body.get("Limit", 20), body.get("Offset", 0)
    if not isinstance(limit, int) or isinstance(limit, bool) or not isinstance(offset, int) or isinstance(offset, bool):
        raise ApiError("InvalidParameter", "`Limit` and `Offset` must be integers.")
    if limit > 100 or limit < 0 or offset < 0:
        raise ApiError("InvalidParameterValue.LimitExceeded", "`Limit` is at most 100, `Offset` at least 0.")
    return len(items), items[offset:offset + limit]


def select(items, body, ids_key, filter_fields):
    """Items matching the ids (kept in listing order) or the filters."""
    ids, filters = body.get(ids_key), body.get("Filters")
    if ids is not None and filters is not None:
        raise ApiError("InvalidParameter.ConflictParameter", f"`{ids_key}` and `Filters` cannot be combined.")
    if ids is not None:
        if not isinstance(ids, list) or len(ids) > 100:
            raise ApiError("InvalidParameterValue.LimitExceeded", f"`{ids_key}`: at most 100 ids.")
        wanted = set(ids)
        key = filter_fields[ids_key]
        return [item for item in items if item[key] in wanted]
    for f in filters or []:
        name, values = f.get("Name"), f.get("Values") or []
        if name not in filter_fields:
            raise ApiError("InvalidParameterValue.InvalidFilter", f"Unknown filter `{name}`.")
        if len(values) > 5:
            raise ApiError("LimitExceeded.FilterValueExceeded", "At most 5 values a filter.")
        field = filter_fields[name]
        items = [item for item in items if field(item) in values] if callable(field) else \
            [item for item in items if item[field] in values]
    return items


class State:
    def __init__(self, args):
        self.args = args
        self.data = Dataset(args.invocations, args.seed, args.insert)
        self.lock = threading.Lock()
        self.number = 0  # every request
        self.eligible = 0  # requests to --action
        self.injected = 0
        self.listing_changed = False
        self.log = open(args.log, "a", buffering=1) if args.log else None

    def next_request(self, action):
        """The request's number, and whether it gets the fault."""
        with self.lock:
            self.number += 1
            args = self.args
            if args.fault is None or (args.action and action != args.action):
                return self.number, False
            if args.fault in ("total-grow", "total-shrink"):
                return self.number, False  # handled in the answer, not per request
            self.eligible += 1
            position = self.eligible - args.skip
            if position < 1 or (position - 1) % args.every != 0:
                return self.number, False
            if args.times and self.injected >= args.times:
                return self.number, False
            self.injected += 1
            return self.number, True

    def write_log(self, entry):
        if self.log:
            with self.lock:
                self.log.write(json.dumps(entry) + "\n")

    def invocations(self):
        with self.lock:
            data = self.data
            if self.listing_changed and self.args.fault == "total-grow":
                return data.hidden + data.invocations
            if self.listing_changed and self.args.fault == "total-shrink":
                return data.invocations[self.args.insert:]
            return data.invocations

    def answer(self, action, body):
        """The output fields of a correct answer (raises ApiError)."""
        if not isinstance(body, dict):
            raise ApiError("InvalidParameter", "The body is not a JSON object.")
        if action == "DescribeInvocations":
            created_by = {c["CommandId"]: c["CreatedBy"] for c in self.data.commands}
            items = select(self.invocations(), body, "InvocationIds", {
                "InvocationIds": "InvocationId", "invocation-id": "InvocationId", "command-id": "CommandId",
                "instance-kind": "InstanceKind",
                "command-created-by": lambda i: created_by[i["CommandId"]],
            })
            total, items = page(items, body)
            items = [{k: v for k, v in i.items() if k != "_tasks"} for i in items]
            if self.args.fault in ("total-grow", "total-shrink") and body.get("Offset", 0) == 0 \
                    and "InvocationIds" not in body and not body.get("Filters"):
                with self.lock:
                    self.listing_changed = True  # the next pages see the change
            return {"TotalCount": total, "InvocationSet": items}
        if action == "DescribeInvocationTasks":
            tasks = [t for inv in self.invocations() for t in inv["_tasks"]]
            items = select(tasks, body, "InvocationTaskIds", {
                "InvocationTaskIds": "InvocationTaskId", "invocation-task-id": "InvocationTaskId",
                "invocation-id": "InvocationId", "instance-id": "InstanceId", "command-id": "CommandId",
            })
            total, items = page(items, body)
            if body.get("HideOutput", True):
                items = [dict(t, TaskResult={k: v for k, v in t["TaskResult"].items() if k != "Output"}) for t in items]
            return {"TotalCount": total, "InvocationTaskSet": items}
        if action == "DescribeCommands":
            items = select(self.data.commands, body, "CommandIds", {
                "CommandIds": "CommandId", "command-id": "CommandId", "command-name": "CommandName",
                "created-by": "CreatedBy",
            })
            total, items = page(items, body)
            return {"TotalCount": total, "CommandSet": items}
        raise ApiError("InvalidAction", f"The action `{action}` does not exist.")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-endpoint"

    def log_message(self, *_):  # quiet: the JSON log is the record
        pass

    def do_POST(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        action = self.headers.get("X-TC-Action", "")
        number, faulty = state.next_request(action)
        fault = state.args.fault if faulty else None
        request_id = ("fault-req-%04d" if faulty else "ok-req-%04d") % number
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        authorization = self.headers.get("Authorization", "")
        credential = authorization.split("Credential=", 1)[1].split("/", 1)[0] if "Credential=" in authorization else None
        # what a logging proxy would see of who asked, and where (the test keys are not secret)
        entry = {"n": number, "time": round(time.time(), 3), "action": action, "body": body, "fault": fault,
                 "region": self.headers.get("X-TC-Region"), "token": self.headers.get("X-TC-Token"),
                 "secretId": credential}
        try:
            entry["answer"] = self.respond(state, action, body, fault, request_id)
        except OSError as error:  # the client went away (e.g. after a timeout)
            entry["answer"] = {"client-gone": str(error)}
            self.close_connection = True
        state.write_log(entry)

    def respond(self, state, action, body, fault, request_id):
        if fault in ENVELOPE_FAULTS:
            code, message = ENVELOPE_FAULTS[fault]
            return self.send_json(200, error_envelope(code, message, request_id), request_id, code)
        if fault in HTTP_FAULTS:
            status = HTTP_FAULTS[fault]
            envelope = error_envelope("InternalError", f"Injected: HTTP {status}.", request_id)
            return self.send_json(status, envelope, request_id, f"HTTP {status}")
        if fault == "reset":
            # linger 0: closing sends RST; detach, as rfile/wfile still hold the socket open
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            os.close(self.connection.detach())
            self.close_connection = True
            return {"reset": True}
        if fault == "not-http":
            # Another program on the port: it greets in its own protocol and hangs up.
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
            self.wfile.flush()
            self.close_connection = True
            return {"not-http": True}
        if fault == "malformed":
            return self.send_raw(200, b'{"Response": [', {"malformed": True})
        if fault in ("http-502-html", "http-504-html"):
            status = 502 if fault == "http-502-html" else 504
            reason = b"Bad Gateway" if status == 502 else b"Gateway Time-out"
            return self.send_raw(status, PROXY_PAGE % (status, status, reason), {"status": status},
                                 content_type="text/html")
        if fault == "envelope":
            code = state.args.code
            return self.send_json(200, error_envelope(code, f"Injected: {code}.", request_id), request_id, code)
        if fault == "signature-expire":
            code = "AuthFailure.SignatureExpire"
            data = json.dumps(error_envelope(code, "The signature expired.", request_id)).encode()
            self.send_response_only(200)  # send_response would add a Date of its own
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Date", time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                                   time.gmtime(time.time() + state.args.skew)))
            self.end_headers()
            self.wfile.write(data)
            return {"status": 200, "request_id": request_id, "error": code}
        if fault == "not-found":
            page = b"<html><body><h1>404 Not Found</h1></body></html>"
            return self.send_raw(404, page, {"status": 404}, content_type="text/html")
        if fault == "slow":
            time.sleep(state.args.delay)
        try:
            output = state.answer(action, body)
            output["RequestId"] = request_id
            envelope = {"Response": output}
            summary = {"total": output["TotalCount"], "ids": ids_of(output)}
        except ApiError as error:
            envelope = error_envelope(error.code, error.message, request_id)
            summary = {"error": error.code}
        data = json.dumps(envelope).encode()
        if fault == "stall":
            data = json.dumps({"Response": dict({"RequestId": request_id}, **envelope["Response"])}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:60])
            self.wfile.flush()
            time.sleep(state.args.delay)
            self.close_connection = True
            return dict(summary, stalled=True)
        if fault == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
            return dict(summary, dripped=True)
        if fault == "close-no-length":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return dict(summary, cut_without_length=True)
        if fault == "chunked-cut":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = data[: len(data) // 2]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(half), half))
            self.wfile.flush()
            self.close_connection = True
            return dict(summary, chunked_cut=True)
        if fault == "half-close":
            self.send_raw(200, data, None)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            return dict(summary, half_closed=True)
        if fault == "truncated":
            return self.send_raw(200, data[: len(data) // 2], dict(summary, truncated=True))
        if fault == "short-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return dict(summary, short_body=True)
        return self.send_raw(200, data, dict(summary, status=200, request_id=request_id))

    def send_json(self, status, envelope, request_id, what):
        self.send_raw(status, json.dumps(envelope).encode(), None)
        return {"status": status, "request_id": request_id, "error": what}

    def send_raw(self, status, data, summary, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return summary


def error_envelope(code, message, request_id):
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}


def ids_of(output):
    for key, field in (("InvocationSet", "InvocationId"), ("InvocationTaskSet", "InvocationTaskId"),
                       ("CommandSet", "CommandId")):
        if key in output:
            return [item[field] for item in output[key]]
    return []


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (OSError, ValueError)):  # resets and gone clients are expected
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fault", choices=FAULTS)
    parser.add_argument("--action", help="fault only requests to this action (default: any)")
    parser.add_argument("--skip", type=int, default=0, help="answer this many eligible requests first")
    parser.add_argument("--every", type=int, default=1, help="then fault every N-th eligible request")
    parser.add_argument("--times", type=int, default=1, help="how many faults in all (0: no end)")
    parser.add_argument("--delay", type=float, default=35.0, help="seconds the slow fault sleeps")
    parser.add_argument("--code", default="InternalError", help="the error code of the envelope fault")
    parser.add_argument("--skew", type=float, default=1000.0, help="seconds signature-expire's Date is ahead")
    parser.add_argument("--insert", type=int, default=5, help="invocations total-grow/-shrink add/remove")
    parser.add_argument("--invocations", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log", help="append a JSON line per request to this file")
    parser.add_argument("--dataset", action="store_true", help="print the dataset's truth and exit")
    args = parser.parse_args()
    # A parent (Foundation's Process) may hand its blocked signals down: unblock them,
    # so that terminate() stops what this starts.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    if args.dataset:
        print(json.dumps(Dataset(args.invocations, args.seed, args.insert).truth()))
        return
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
