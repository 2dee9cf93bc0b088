#!/usr/bin/env python3
"""The official TAT SDK for Python against `tatsh serve`: prints what it
got, one line per check, for Tests/TatshTests/ServeTests.swift.

    python3 Tests/interop/sdk_client.py PORT SECRET_ID SECRET_KEY
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

port, secret_id, secret_key = sys.argv[1:4]


def client(key=secret_key):
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}"))
    return tat_client.TatClient(credential.Credential(secret_id, key), "ap-guangzhou", profile)


def request(model, parameters):
    built = model()
    built.from_json_string(json.dumps(parameters))
    return built


example = client().DescribeInvocations(
    request(models.DescribeInvocationsRequest, {"InvocationIds": ["inv-q4zp60g0"], "Limit": 1, "Offset": 0}))
print("invocation", json.dumps(json.loads(example.to_json_string())["InvocationSet"][0], sort_keys=True))
print("total", example.TotalCount)

tasks = client().DescribeInvocationTasks(
    request(models.DescribeInvocationTasksRequest, {"Filters": [{"Name": "invocation-id", "Values": ["inv-q4zp60g0"]}], "HideOutput": False}))
print("tasks", tasks.TotalCount, sorted(task.InvocationTaskId for task in tasks.InvocationTaskSet))

commands = client().DescribeCommands(request(models.DescribeCommandsRequest, {"CommandIds": ["cmd-9dxzty3m"]}))
print("command", commands.CommandSet[0].CommandName)

for name, call in [
    ("wrong key", lambda: client("wrong-key").DescribeInvocations(request(models.DescribeInvocationsRequest, {}))),
    ("conflict", lambda: client().DescribeInvocations(request(models.DescribeInvocationsRequest, {
        "InvocationIds": ["inv-q4zp60g0"], "Filters": [{"Name": "command-id", "Values": ["cmd-9dxzty3m"]}]}))),
]:
    try:
        call()
        print(name, "accepted")
    except TencentCloudSDKException as error:
        print(name, error.get_code(), "request-id" if error.get_request_id() else "no-request-id")
