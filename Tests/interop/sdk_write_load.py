#!/usr/bin/env python3
"""Writes to `tatsh serve` as fast as the official SDK can: RunCommand in a
loop from several threads, printing each InvocationId the server answered
with (one line, flushed, so that a reader killed with the server still has
every acknowledgement). Stops quietly when the server goes away.

    .venv/sdk/bin/python Tests/interop/sdk_write_load.py PORT [THREADS]
"""
import base64
import json
import sys
import threading

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

port = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
printing = threading.Lock()


def say(line):
    with printing:
        print(line, flush=True)


def load(worker):
    client = tat_client.TatClient(
        credential.Credential("AKIDany", "any-key"), "ap-guangzhou",
        ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}", reqTimeout=10)))
    request = models.RunCommandRequest()
    request.from_json_string(json.dumps({
        "Content": base64.b64encode(f"echo load {worker}".encode()).decode(),
        "InstanceIds": ["mi-local001", "mi-local002"]}))
    while True:
        try:
            answer = client.RunCommand(request)
        except TencentCloudSDKException as error:
            if error.code in ("ClientNetworkError", "ServerNetworkError") or "connect" in str(error).lower():
                say(f"stopped {worker}")
                return
            say(f"error {error.code} {error.message} {error.requestId}")
            continue
        say(f"acknowledged {answer.InvocationId}")


workers = [threading.Thread(target=load, args=(n,)) for n in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
