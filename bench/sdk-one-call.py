#!/usr/bin/env python3
"""One DescribeInvocations with the official Python SDK, the peer of
`tatsh -c 'invocations | first 1'` in bench/startup.

    .venv/sdk/bin/python bench/sdk-one-call.py HOST:PORT
"""
import sys

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

client = tat_client.TatClient(
    credential.Credential("AKIDbench", "bench-key"), "ap-guangzhou",
    ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=sys.argv[1])))
request = models.DescribeInvocationsRequest()
request.Limit = 1
print(client.DescribeInvocations(request).InvocationSet[0].InvocationId)
