#!/usr/bin/env python3
"""Writes N task records as JSON Lines (default 1,000,000, about 850 MB):
the shape of DescribeInvocationTasks' InvocationTaskSet, with base64
outputs of a few hundred bytes, one in ten of them holding "error". The
same N gives the same file.

    python3 bench/task-records.py N > tasks.jsonl
"""
import base64
import json
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(8)
lines = [
    "Reading package lists... Done", "Building dependency tree... Done", "nginx is already the newest version",
    "0 upgraded, 0 newly installed, 0 to remove", "Filesystem      Size  Used Avail Use% Mounted on",
    "/dev/vda1        50G   21G   27G  44% /", "active (running) since Mon 2026-11-23 08:00:01 UTC",
    "Created symlink /etc/systemd/system/multi-user.target.wants/app.service", "OK: 1432 packages checked",
]
failures = ["error: connection refused", "E: Unable to locate package foo (error 100)", "curl: (7) error connecting"]
out = sys.stdout
for i in range(count):
    body = [rng.choice(lines) for _ in range(rng.randint(6, 12))]
    failed = i % 10 == 3
    if failed:
        body.insert(rng.randint(0, len(body)), rng.choice(failures))
    output = base64.b64encode(("\n".join(body) + "\n").encode()).decode()
    record = {
        "InvocationId": "inv-%08x" % (i // 7), "InvocationTaskId": "invt-%08x" % i, "CommandId": "cmd-%08x" % (i % 40),
        "TaskStatus": "FAILED" if failed else "SUCCESS", "InstanceId": "ins-%08x" % (i % 5000),
        "TaskResult": {"ExitCode": 1 if failed else 0, "Output": output, "ExecStartTime": "2026-11-28T08:00:00+00:00",
                       "ExecEndTime": "2026-11-28T08:00:03+00:00", "Dropped": 0, "OutputUrl": "", "OutputUploadCOSErrorInfo": ""},
        "StartTime": "2026-11-28T08:00:00+00:00", "EndTime": "2026-11-28T08:00:03+00:00",
        "CreatedTime": "2026-11-28T07:59:59+00:00", "UpdatedTime": "2026-11-28T08:00:03+00:00",
        "CommandDocument": {"Content": "YXB0LWdldCB1cGdyYWRlIC15", "CommandType": "SHELL", "Timeout": 60,
                            "WorkingDirectory": "/root", "Username": "root", "OutputCOSBucketUrl": "", "OutputCOSKeyPrefix": ""},
        "ErrorInfo": "", "InvocationSource": "USER", "CommandName": "upgrade-packages",
    }
    out.write(json.dumps(record, separators=(",", ":")) + "\n")
