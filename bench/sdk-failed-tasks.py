#!/usr/bin/env python3
"""The obvious script with the official Python SDK, the peer of
`tatsh -c 'invocations where status=FAILED | tasks | count'`: page through
the invocations 100 at a time, then one DescribeInvocationTasks (paged) per
failed invocation. A RequestLimitExceeded is waited out and tried again.

    .venv/sdk/bin/python bench/sdk-failed-tasks.py HOST:PORT SECRET_ID SECRET_KEY [STATUS]

Prints `count requests refusals seconds`.
"""
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

endpoint, secret_id, secret_key = sys.argv[1:4]
status = sys.argv[4] if len(sys.argv) > 4 else "FAILED"
client = tat_client.TatClient(
    credential.Credential(secret_id, secret_key), "ap-guangzhou",
    ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint)))
requests = refusals = 0


def call(method, request):
    global requests, refusals
    while True:
        requests += 1
        try:
            return method(request)
        except TencentCloudSDKException as error:
            if error.get_code() != "RequestLimitExceeded":
                raise
            refusals += 1
            time.sleep(1)


start = time.time()
failed = []
offset = 0
while True:
    request = models.DescribeInvocationsRequest()
    request.Limit, request.Offset = 100, offset
    page = call(client.DescribeInvocations, request)
    failed += [i.InvocationId for i in page.InvocationSet if status == "ALL" or i.InvocationStatus == status]
    offset += 100
    if offset >= page.TotalCount:
        break

count = 0
for invocation_id in failed:
    offset = 0
    while True:
        request = models.DescribeInvocationTasksRequest()
        request.Limit, request.Offset, request.HideOutput = 100, offset, False
        request.Filters = [models.Filter()]
        request.Filters[0].Name, request.Filters[0].Values = "invocation-id", [invocation_id]
        page = call(client.DescribeInvocationTasks, request)
        count += len(page.InvocationTaskSet)
        offset += 100
        if offset >= page.TotalCount:
            break

print(count, requests, refusals, "%.2f" % (time.time() - start))
