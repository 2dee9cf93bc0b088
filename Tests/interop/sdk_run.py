#!/usr/bin/env python3
"""The official TAT SDK for Python running commands on the local instances
of `tatsh serve`: RunCommand with parameters, the result read back with
DescribeInvocationTasks, InvokeCommand of the saved command, and the
errors of bad calls. Prints one line per check for RunInteropTests.swift.

    .venv/sdk/bin/python Tests/interop/sdk_run.py PORT
"""
import base64
import json
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

port = sys.argv[1]
client = tat_client.TatClient(
    credential.Credential("AKIDany", "any-key"), "ap-guangzhou",
    ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}")))


def request(model, parameters):
    built = model()
    built.from_json_string(json.dumps(parameters))
    return built


def encoded(script):
    return base64.b64encode(script.encode()).decode()


def finished_tasks(invocation_id):
    for _ in range(100):
        page = client.DescribeInvocationTasks(request(models.DescribeInvocationTasksRequest, {
            "Filters": [{"Name": "invocation-id", "Values": [invocation_id]}], "HideOutput": False}))
        if page.InvocationTaskSet and all(t.TaskStatus not in ("PENDING", "RUNNING", "CANCELLING") for t in page.InvocationTaskSet):
            return page.InvocationTaskSet
        time.sleep(0.1)
    raise SystemExit(f"{invocation_id} did not finish")


run = client.RunCommand(request(models.RunCommandRequest, {
    "Content": encoded("echo hello {{name}} from $(basename $PWD)"), "InstanceIds": ["mi-local001", "mi-local002"],
    "EnableParameter": True, "DefaultParameters": json.dumps({"name": "nobody"}),
    "Parameters": json.dumps({"name": "world"}), "SaveCommand": True, "CommandName": "greet"}))
for task in sorted(finished_tasks(run.InvocationId), key=lambda t: t.InstanceId):
    print("run", task.InstanceId, task.TaskStatus, task.TaskResult.ExitCode,
          base64.b64decode(task.TaskResult.Output).decode().strip())

invoked = client.InvokeCommand(request(models.InvokeCommandRequest, {
    "CommandId": run.CommandId, "InstanceIds": ["mi-local003"]}))
for task in finished_tasks(invoked.InvocationId):
    print("invoke", task.InstanceId, task.TaskStatus, base64.b64decode(task.TaskResult.Output).decode().strip())

# The list form of the defaults, built with the SDK's own model classes.
listed = models.RunCommandRequest()
listed.Content = encoded("echo {{greeting}} {{name}}")
listed.InstanceIds = ["mi-local001"]
listed.EnableParameter = True
listed.SaveCommand = True
listed.Parameters = json.dumps({"name": "world"})
listed.DefaultParameterConfs = []
for parameter, value in [("greeting", "hi"), ("name", "nobody")]:
    conf = models.DefaultParameterConf()
    conf.ParameterName, conf.ParameterValue, conf.ParameterDescription = parameter, value, f"the {parameter}"
    listed.DefaultParameterConfs.append(conf)
confs = client.RunCommand(listed)
for task in finished_tasks(confs.InvocationId):
    print("confs", task.TaskStatus, base64.b64decode(task.TaskResult.Output).decode().strip())
saved = client.DescribeCommands(request(models.DescribeCommandsRequest, {"CommandIds": [confs.CommandId]}))
print("confs saved", saved.CommandSet[0].DefaultParameters)

confs_json = [{"ParameterName": "x", "ParameterValue": "1"}]
for name, action, parameters in [
    ("confs and defaults", "RunCommand", {"Content": encoded("echo {{x}}"), "InstanceIds": ["mi-local001"], "EnableParameter": True,
                                          "DefaultParameters": "{\"x\":\"1\"}", "DefaultParameterConfs": confs_json}),
    ("confs not enabled", "RunCommand", {"Content": encoded("echo {{x}}"), "InstanceIds": ["mi-local001"], "DefaultParameterConfs": confs_json}),
    ("confs name twice", "RunCommand", {"Content": encoded("echo {{x}}"), "InstanceIds": ["mi-local001"], "EnableParameter": True,
                                        "DefaultParameterConfs": confs_json * 2}),
    ("confs bad name", "RunCommand", {"Content": encoded("echo"), "InstanceIds": ["mi-local001"], "EnableParameter": True,
                                      "DefaultParameterConfs": [{"ParameterName": "a b", "ParameterValue": "1"}]}),
    ("lack of parameters", "RunCommand", {"Content": encoded("echo {{missing}}"), "InstanceIds": ["mi-local001"], "EnableParameter": True}),
    ("parameters not enabled", "RunCommand", {"Content": encoded("echo {{x}}"), "InstanceIds": ["mi-local001"], "Parameters": "{\"x\":\"1\"}"}),
    ("bad parameter json", "RunCommand", {"Content": encoded("echo"), "InstanceIds": ["mi-local001"], "EnableParameter": True, "Parameters": "{not json"}),
    ("not base64", "RunCommand", {"Content": "%%%", "InstanceIds": ["mi-local001"]}),
    ("bad instance id", "RunCommand", {"Content": encoded("true"), "InstanceIds": ["vm-1"]}),
    ("not a local instance", "RunCommand", {"Content": encoded("true"), "InstanceIds": ["ins-abcdefgh"]}),
    ("timeout too long", "RunCommand", {"Content": encoded("true"), "InstanceIds": ["mi-local001"], "Timeout": 86401}),
    ("too many instances", "RunCommand", {"Content": encoded("true"), "InstanceIds": [f"mi-{i:08d}" for i in range(201)]}),
    ("unknown command", "InvokeCommand", {"CommandId": "cmd-zzzzzzzz", "InstanceIds": ["mi-local001"]}),
    ("unknown invocation", "CancelInvocation", {"InvocationId": "inv-zzzzzzzz"}),
]:
    try:
        client.call_json(action, parameters)
        print(name, "accepted")
    except TencentCloudSDKException as error:
        print(name, error.get_code(), "request-id" if error.get_request_id() else "no-request-id")

slow = client.RunCommand(request(models.RunCommandRequest, {"Content": encoded("sleep 30"), "InstanceIds": ["mi-local001"]}))
time.sleep(0.5)
client.CancelInvocation(request(models.CancelInvocationRequest, {"InvocationId": slow.InvocationId}))
print("cancelled", [t.TaskStatus for t in finished_tasks(slow.InvocationId)])
