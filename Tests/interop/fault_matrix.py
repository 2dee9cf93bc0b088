#!/usr/bin/env python3
"""Runs tatsh's cloud client against fault_endpoint.py, one fresh endpoint
per case, and judges each run against the dataset's truth.

    python3 Tests/interop/fault_matrix.py [--tatsh PATH] [--only SUBSTRING] [--jobs N]
        [--skip-slow] [--json FILE]

Prints one line per case: name, PASS/FAIL, seconds, exit status, and what
came back (the count, or duplicates/missing ids, or the error's first
line); exits 1 if any case FAILs. --json writes every case in full
(command, stdout, stderr, the endpoint's request log).

A case expects one of: `ok` (exit 0 and exactly the right records),
`error` (exit 1, the error on stderr naming the fault's code and, when the
fault carried one, its RequestId `fault-req-NNNN`), or `ok|error` (either,
the error still clear).
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ENDPOINT = os.path.join(HERE, "fault_endpoint.py")

COUNT = "invocations | count"
JSONL = "invocations | jsonl"
FAILED_TASKS = "invocations where status=FAILED | tasks | count"
INV = ["--action", "DescribeInvocations"]
TIMEOUT = ["--timeout", "2"]
TASKS = ["--action", "DescribeInvocationTasks"]

# Faults whose first answer must end the pipeline: retrying cannot help.
NOT_RETRIED = ("auth-failure", "invalid-parameter", "not-found")

# (name, endpoint options, pipeline, expectation, the error code a failure should name)
CASES = []
for fault, code in [("rate-limit", "RequestLimitExceeded"), ("internal-error", "InternalError"),
                    ("http-500", "500"), ("http-502", "502"), ("http-503", "503"), ("reset", None),
                    ("short-body", None), ("truncated", None), ("malformed", None)]:
    # transient faults: a retrying client must complete with the right records
    CASES += [
        (f"{fault} once, page 1, count", ["--fault", fault, *INV], COUNT, "ok", code),
        (f"{fault} once, page 2, jsonl", ["--fault", fault, "--skip", "1", *INV], JSONL, "ok", code),
        (f"{fault} once, tasks", ["--fault", fault, *TASKS], FAILED_TASKS, "ok", code),
        (f"{fault} 3 times, count", ["--fault", fault, "--times", "3", *INV], COUNT, "ok", code),
        (f"{fault} every 2nd, jsonl", ["--fault", fault, "--every", "2", "--times", "0", *INV], JSONL,
         "ok|error", code),
        (f"{fault} permanent, count", ["--fault", fault, "--times", "0"], COUNT, "error", code),
    ]
CASES += [
    ("internal-error permanent, tasks", ["--fault", "internal-error", "--times", "0", *TASKS], FAILED_TASKS,
     "error", "InternalError"),
    ("auth-failure permanent, count", ["--fault", "auth-failure", "--times", "0"], COUNT, "error",
     "AuthFailure.SignatureFailure"),
    ("auth-failure on page 2, jsonl", ["--fault", "auth-failure", "--skip", "1", "--times", "0", *INV], JSONL,
     "error", "AuthFailure.SignatureFailure"),
    ("auth-failure permanent, tasks", ["--fault", "auth-failure", "--times", "0", *TASKS], FAILED_TASKS, "error",
     "AuthFailure.SignatureFailure"),
    ("not-found page, count", ["--fault", "not-found", "--times", "0"], COUNT, "error", "404"),
    ("invalid-parameter permanent, count", ["--fault", "invalid-parameter", "--times", "0"], COUNT, "error",
     "InvalidParameter"),
    ("total-grow 5 of 250, jsonl", ["--fault", "total-grow", "--insert", "5"], JSONL, "ok", None),
    ("total-grow 5 of 200, jsonl", ["--fault", "total-grow", "--insert", "5", "--invocations", "200"], JSONL,
     "ok", None),
    ("total-grow 100 of 250, jsonl", ["--fault", "total-grow", "--insert", "100"], JSONL, "ok", None),
    ("total-grow 5 of 250, count", ["--fault", "total-grow", "--insert", "5"], COUNT, "ok", None),
    ("total-shrink 5 of 250, jsonl", ["--fault", "total-shrink", "--insert", "5"], JSONL, "ok", None),
    # the same, with timing on (which once was the only way the warning reached stderr)
    ("total-grow 5 of 250, timing on", ["--fault", "total-grow", "--insert", "5"], "set timing on; " + JSONL, "ok",
     None),
    # with `tatsh --timeout 2`
    ("slow 1 s once (under the timeout)", ["--fault", "slow", "--delay", "1", *INV], COUNT, "ok", None, TIMEOUT),
    ("slow 4 s once, page 1", ["--fault", "slow", "--delay", "4", *INV], COUNT, "ok", None, TIMEOUT),
    ("slow 4 s once, page 2, jsonl", ["--fault", "slow", "--delay", "4", "--skip", "1", *INV], JSONL, "ok", None,
     TIMEOUT),
    ("slow 4 s permanent", ["--fault", "slow", "--delay", "4", "--times", "0"], COUNT, "error", "within 2 s, the --timeout",
     TIMEOUT),
    # an answer whose body stalls or drips fails at the deadline, and a read is tried again
    ("stall once, page 1", ["--fault", "stall", "--delay", "30", *INV], COUNT, "ok", None, TIMEOUT),
    ("stall once, tasks", ["--fault", "stall", "--delay", "30", *TASKS], FAILED_TASKS, "ok", None, TIMEOUT),
    ("stall permanent", ["--fault", "stall", "--delay", "30", "--times", "0"], COUNT, "error",
     "the answer stalled", TIMEOUT, 20),
    ("drip once, page 2, jsonl", ["--fault", "drip", "--skip", "1", *INV], JSONL, "ok", None, TIMEOUT),
    ("drip permanent", ["--fault", "drip", "--times", "0"], COUNT, "error", "the answer stalled", TIMEOUT, 20),
    # a body cut short by a closed connection, with and without Content-Length
    ("close-no-length once, count", ["--fault", "close-no-length", *INV], COUNT, "ok", None),
    ("close-no-length permanent", ["--fault", "close-no-length", "--times", "0"], COUNT, "error", None),
    ("chunked-cut once, jsonl", ["--fault", "chunked-cut", "--skip", "1", *INV], JSONL, "ok", None),
    ("chunked-cut permanent", ["--fault", "chunked-cut", "--times", "0"], COUNT, "error", None),
    # a kept-alive connection that the server half-closed, reused
    ("half-close every 2nd, jsonl", ["--fault", "half-close", "--every", "2", "--times", "0", *INV], JSONL, "ok",
     None),
    ("half-close every 2nd, tasks", ["--fault", "half-close", "--every", "2", "--times", "0"], FAILED_TASKS, "ok",
     None),
    # what a proxy answers
    ("http-502-html once, count", ["--fault", "http-502-html", *INV], COUNT, "ok", None),
    ("http-504-html once, tasks", ["--fault", "http-504-html", *TASKS], FAILED_TASKS, "ok", None),
    ("http-504-html permanent", ["--fault", "http-504-html", "--times", "0"], COUNT, "error", "504"),
    # a clock far from the server's is named, with how far
    ("signature-expire, clock 1000 s behind", ["--fault", "signature-expire", "--times", "0"], COUNT, "error",
     "seconds behind the server's"),
]
# every error code of shared/API.md, as an envelope: the two that say "try again" are retried,
# the rest end the pipeline at once, named, and are not sent again
RETRYABLE_CODES = ["RequestLimitExceeded", "InternalError"]
FINAL_CODES = [
    "AuthFailure.InvalidAuthorization", "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureFailure",
    "AuthFailure.TokenFailure", "AuthFailure.UnauthorizedOperation", "InvalidAction", "InvalidParameter",
    "InvalidParameterValue", "MissingParameter", "UnknownParameter", "RequestSizeLimitExceeded",
    "UnsupportedOperation", "UnsupportedRegion", "NoSuchVersion", "InvalidParameter.ConflictParameter",
    "InvalidParameterValue.InvalidCommandId", "InvalidParameterValue.InvalidFilter",
    "InvalidParameterValue.InvalidInvocationId", "InvalidParameterValue.LimitExceeded",
    "LimitExceeded.FilterValueExceeded", "UnauthorizedOperation.CamAuthFailed", "UnauthorizedOperation.InvalidToken",
    "UnauthorizedOperation.MFAExpired", "UnauthorizedOperation.MFANotFound",
]
for code in RETRYABLE_CODES:
    CASES.append((f"envelope {code} twice, count", ["--fault", "envelope", "--code", code, "--times", "2", *INV],
                  COUNT, "ok", code))
for code in FINAL_CODES:
    CASES.append((f"envelope {code}, count", ["--fault", "envelope", "--code", code, "--times", "0"], COUNT,
                  "error", code))


def run_case(case, tatsh, truth_cache):
    name, options, pipeline, expect, code, *rest = case
    flags = rest[0] if rest else []
    most_seconds = rest[1] if len(rest) > 1 else None
    with tempfile.TemporaryDirectory() as folder:
        log = os.path.join(folder, "requests.jsonl")
        endpoint = subprocess.Popen([sys.executable, ENDPOINT, "--port", "0", "--log", log, *options],
                                    stdout=subprocess.PIPE, text=True)
        try:
            port = endpoint.stdout.readline().strip().rsplit(":", 1)[1]
            environment = dict(os.environ, TENCENTCLOUD_SECRET_ID="AKIDx", TENCENTCLOUD_SECRET_KEY="k")
            command = [tatsh, *flags, "--backend", "cloud", "--endpoint", f"http://127.0.0.1:{port}",
                       "--region", "ap-guangzhou", "-c", pipeline]
            start = time.monotonic()
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
                status, out, err = done.returncode, done.stdout, done.stderr
            except subprocess.TimeoutExpired as expired:
                status, out, err = "hang", expired.stdout or "", expired.stderr or ""
            seconds = time.monotonic() - start
        finally:
            endpoint.terminate()
            try:
                endpoint.wait(timeout=10)
            except subprocess.TimeoutExpired:
                endpoint.kill()
                endpoint.wait()
        with open(log) as file:
            requests = [json.loads(line) for line in file]
    truth = truth_cache(options)
    verdict, what = judge(pipeline, expect, code, truth, status, out, err, options)
    if most_seconds and seconds > most_seconds:
        verdict, what = "FAIL", f"{what}; took {seconds:.1f} s, more than {most_seconds}"
    refused = [json.dumps(r["body"], sort_keys=True) for r in requests if r["fault"]]
    final = options[1] in NOT_RETRIED or options[1] == "signature-expire" or (
        options[1] == "envelope" and option(options, "--code", "InternalError") not in RETRYABLE_CODES)
    if final and len(refused) != len(set(refused)):
        verdict, what = "FAIL", f"{what}; retried a request that was refused ({len(refused)} refusals)"
    return {"name": name, "verdict": verdict, "what": what, "seconds": round(seconds, 1), "status": status,
            "command": " ".join(command[:-1]) + f" '{pipeline}'", "endpoint": options, "stdout": out[-4000:],
            "stderr": err, "requests": requests}


def judge(pipeline, expect, code, truth, status, out, err, options):
    """PASS/FAIL and a short description of what came back."""
    error_line = next((line for line in err.splitlines() if "error" in line), err.strip()[:200])
    request_ids = re.findall(r"fault-req-\d{4}", err)
    if status == "hang":
        return "FAIL", "hung (killed after 120 s)"
    if status not in (0, 1):
        return "FAIL", f"exit {status} (crash?): {err.strip()[-300:]}"
    if status == 1:
        if "error" not in expect:
            return "FAIL", f"error instead of records: {error_line}"
        problems = []
        if code and code not in err:
            problems.append(f"does not name {code}")
        # an error envelope (or a 5xx with one as body) carries a RequestId that should be named
        if options[1] in ("rate-limit", "internal-error", "auth-failure", "invalid-parameter", "http-500",
                          "http-502", "http-503", "envelope", "signature-expire", "stall") and not request_ids:
            problems.append("names no RequestId")
        text = error_line + (f" [{', '.join(sorted(set(request_ids)))}]" if request_ids else "")
        return ("FAIL" if problems else "PASS"), ("; ".join(problems) + ": " if problems else "") + text
    # exit 0: the records must be exactly right, and a listing that moved must be reported
    if expect == "error":
        return "FAIL", f"exit 0 where an error was due: {out.strip()[:200]}"
    ok, what = check_records(pipeline, truth, out, options[1])
    if "changed while it was paged" in err:
        what += " (warned: listing changed)"
    elif options[1] in ("total-grow", "total-shrink"):
        ok, what = False, what + "; no 'listing changed' warning on stderr"
    return ("PASS" if ok else "FAIL"), what


def check_records(pipeline, truth, out, fault):
    """Whether stdout holds exactly the dataset's records (or count), and a description."""
    lines = [line for line in out.splitlines() if line.strip()]
    if pipeline.endswith("count"):
        counted = json.loads(lines[-1])["count"]
        want = truth["failed_tasks"] if "tasks" in pipeline else len(truth["invocations"])
        low, high = want, want
        if fault == "total-grow":  # the new ones may or may not be counted
            high += len(truth["hidden"])
        elif fault == "total-shrink":  # the vanished ones likewise
            low -= len(truth["hidden"])
        return low <= counted <= high, f"count {counted}, expected {want}"
    ids = [json.loads(line)["InvocationId"] for line in lines]
    duplicates = len(ids) - len(set(ids))
    must = set(truth["invocations"])
    allowed = must | set(truth["hidden"])
    if fault == "total-shrink":
        must -= set(truth["invocations"][:len(truth["hidden"])])
    missing, extra = must - set(ids), set(ids) - allowed
    return not (duplicates or missing or extra), (
        f"{len(ids)} records, {duplicates} duplicates, {len(missing)} missing, {len(extra)} unknown")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tatsh", default="/tmp/tatsh-x/tatsh")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--jobs", type=int, default=4, help="cases run at once")
    parser.add_argument("--skip-slow", action="store_true", help="leave out the slow-response cases")
    parser.add_argument("--json", help="write every case in full to this file")
    args = parser.parse_args()
    # A parent (Foundation's Process) may hand its blocked signals down: unblock them,
    # so that terminate() stops what this starts.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    cases = [c for c in CASES if (not args.only or args.only in c[0]) and not (args.skip_slow and any(word in c[0] for word in ("slow", "stall", "drip")))]
    truths = {}

    def truth(options):
        key = (option(options, "--invocations", "250"), option(options, "--insert", "5"))
        if key not in truths:
            truths[key] = json.loads(subprocess.check_output(
                [sys.executable, ENDPOINT, "--dataset", "--invocations", key[0], "--insert", key[1]]))
        return truths[key]

    # the slow ones first, so that they overlap the rest
    cases.sort(key=lambda c: not any(word in c[0] for word in ("slow", "stall", "drip")))
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda c: run_case(c, args.tatsh, truth), cases))
    results.sort(key=lambda r: [c[0] for c in CASES].index(r["name"]))
    for r in results:
        print(f"{r['name']:<38} {r['verdict']:<4} {r['seconds']:>6.1f}s exit {r['status']}  {r['what']}")
    if args.json:
        with open(args.json, "w") as file:
            json.dump(results, file, indent=1)
    failed = sum(r["verdict"] == "FAIL" for r in results)
    print(f"{len(results) - failed} PASS, {failed} FAIL")
    sys.exit(1 if failed else 0)


def option(options, name, default):
    return options[options.index(name) + 1] if name in options else default


if __name__ == "__main__":
    main()
