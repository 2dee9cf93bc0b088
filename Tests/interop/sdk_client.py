#!/usr/bin/env python3
"""The official TAT SDK for Python against `tatsh serve`: prints what it
got, one line per check, for Tests/TatshTests/ServeTests.swift.

    .venv/sdk/bin/python Tests/interop/sdk_client.py PORT SECRET_ID SECRET_KEY

Each refused call prints `NAME CODE request-id` (or `no-request-id`). The
calls that a correct client never makes (no Authorization, an old
timestamp, a body that is not JSON) are made by bending the SDK at the one
place where it would do them right, so that everything else about the
request is still the SDK's own.
"""
import contextlib
import json
import sys
import threading
import time

import requests
from tencentcloud.common import abstract_client, credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

port, secret_id, secret_key = sys.argv[1:4]


def client(key=secret_key, key_id=secret_id):
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}"))
    return tat_client.TatClient(credential.Credential(key_id, key), "ap-guangzhou", profile)


def request(model, parameters):
    built = model()
    built.from_json_string(json.dumps(parameters))
    return built


def describe(parameters=None):
    return client().DescribeInvocations(request(models.DescribeInvocationsRequest, parameters or {}))


@contextlib.contextmanager
def patched(owner, name, value):
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


class Clock:
    """time as the SDK sees it, ten minutes slow."""

    def time(self):
        return time.time() - 600


class BrokenJSON:
    """json as the SDK sees it, writing a body cut short."""

    def dumps(self, value, *args, **kwargs):
        return json.dumps(value, *args, **kwargs)[:-1]

    def __getattr__(self, name):
        return getattr(json, name)


original_request = requests.Session.request


def without_authorization(self, method, url, **kwargs):
    kwargs["headers"] = {k: v for k, v in (kwargs.get("headers") or {}).items() if k.lower() != "authorization"}
    return original_request(self, method, url, **kwargs)


def old_version():
    bent = client()
    bent._apiVersion = "2017-03-12"
    return bent.DescribeInvocations(request(models.DescribeInvocationsRequest, {}))


def signed_late():
    with patched(abstract_client, "time", Clock()):
        return describe()


def unsigned():
    with patched(requests.Session, "request", without_authorization):
        return describe()


def malformed():
    with patched(abstract_client, "json", BrokenJSON()):
        return describe({"Limit": 1})


def burst():
    """60 calls from 6 threads: more than 20 in a second to one action."""
    codes = []

    def calls():
        for _ in range(10):
            try:
                describe({"Limit": 1})
            except TencentCloudSDKException as error:
                codes.append(error)

    threads = [threading.Thread(target=calls) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for error in codes:
        if error.get_code() == "RequestLimitExceeded":
            raise error


example = describe({"InvocationIds": ["inv-q4zp60g0"], "Limit": 1, "Offset": 0})
print("invocation", json.dumps(json.loads(example.to_json_string())["InvocationSet"][0], sort_keys=True))
print("total", example.TotalCount)

tasks = client().DescribeInvocationTasks(
    request(models.DescribeInvocationTasksRequest, {"Filters": [{"Name": "invocation-id", "Values": ["inv-q4zp60g0"]}], "HideOutput": False}))
print("tasks", tasks.TotalCount, sorted(task.InvocationTaskId for task in tasks.InvocationTaskSet))

commands = client().DescribeCommands(request(models.DescribeCommandsRequest, {"CommandIds": ["cmd-9dxzty3m"]}))
print("command", commands.CommandSet[0].CommandName)

for name, call in [
    ("wrong key", lambda: client("wrong-key").DescribeInvocations(request(models.DescribeInvocationsRequest, {}))),
    ("unknown key id", lambda: client(key_id="AKIDnobody").DescribeInvocations(request(models.DescribeInvocationsRequest, {}))),
    ("signed ten minutes ago", signed_late),
    ("no authorization", unsigned),
    ("unknown action", lambda: client().call_json("DescribeEverything", {})),
    ("old version", old_version),
    ("unknown parameter", lambda: client().call_json("DescribeInvocations", {"Limit": 1, "Colour": "red"})),
    ("wrong type", lambda: client().call_json("DescribeInvocations", {"Limit": "ten"})),
    ("malformed json", malformed),
    ("body over 10 MB", lambda: client().call_json("DescribeInvocations", {"Filters": [{"Name": "command-id", "Values": ["x" * (11 * 1024 * 1024)]}]})),
    ("conflict", lambda: describe({"InvocationIds": ["inv-q4zp60g0"], "Filters": [{"Name": "command-id", "Values": ["cmd-9dxzty3m"]}]})),
    ("limit over 100", lambda: describe({"Limit": 101})),
    ("six filter values", lambda: describe({"Filters": [{"Name": "command-id", "Values": ["cmd-1", "cmd-2", "cmd-3", "cmd-4", "cmd-5", "cmd-6"]}]})),
    ("unknown filter", lambda: describe({"Filters": [{"Name": "colour", "Values": ["red"]}]})),
    ("bad invocation id", lambda: describe({"InvocationIds": ["not-an-id"]})),
    ("more than 20 a second", burst),
]:
    try:
        call()
        print(name, "accepted")
    except TencentCloudSDKException as error:
        print(name, error.get_code(), "request-id" if error.get_request_id() else "no-request-id")
