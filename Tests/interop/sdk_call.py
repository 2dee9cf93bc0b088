#!/usr/bin/env python3
"""One call of any TAT action through the official SDK for Python, against
`tatsh serve` on loopback.

    .venv/sdk/bin/python Tests/interop/sdk_call.py PORT SECRET_ID SECRET_KEY ACTION '{"Param": …}'

Prints `OK <the response as JSON>` or `ERROR <code> <RequestId> <message>`,
and exits 0 either way (a call that could not be made at all exits 1).
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import models, tat_client

port, secret_id, secret_key, action, parameters = sys.argv[1:6]
client = tat_client.TatClient(
    credential.Credential(secret_id, secret_key), "ap-guangzhou",
    ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}", reqTimeout=30)))
request = getattr(models, action + "Request")()
request.from_json_string(parameters)
try:
    response = getattr(client, action)(request)
    print("OK " + response.to_json_string())
except TencentCloudSDKException as error:
    print(f"ERROR {error.get_code()} {error.get_request_id()} {error.get_message()}")
