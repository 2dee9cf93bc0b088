#!/usr/bin/env python3
"""Writes tc3-vector.json: what the official Python SDK
(tencentcloud-sdk-python-common) signs for a fixed DescribeInvocations
request at a fixed time, so that tatsh's signer is checked against the
SDK's own code. Run once after `pip install tencentcloud-sdk-python-common`:

    python3 Tests/TATCloudTests/Fixtures/make-tc3-vector.py
"""
import json
import os
from unittest import mock

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

TIMESTAMP = 1604906519  # 2020-11-09T07:21:59Z, the seed page's example
PARAMS = {"InvocationIds": ["inv-q4zp60g0"], "Limit": 1, "Offset": 0}


class TatClient(AbstractClient):
    _apiVersion = "2020-10-28"
    _endpoint = "tat.tencentcloudapi.com"
    _service = "tat"


def sign(token=None):
    cred = credential.Credential("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", token)
    profile = ClientProfile(httpProfile=HttpProfile(endpoint="tat.tencentcloudapi.com"))
    profile.language = "en-US"
    client = TatClient(cred, "ap-guangzhou", profile)
    request = RequestInternal("tat.tencentcloudapi.com", "POST", "/")
    with mock.patch("time.time", return_value=TIMESTAMP):
        client._build_req_with_tc3_signature("DescribeInvocations", dict(PARAMS), request)
    return {"secretId": cred.secret_id, "secretKey": cred.secret_key, "token": token, "timestamp": TIMESTAMP,
            "region": "ap-guangzhou", "host": "tat.tencentcloudapi.com", "body": request.data,
            "headers": {key: value for key, value in request.header.items() if key != "X-TC-RequestClient"}}


vector = {"plain": sign(), "withToken": sign("temporary-session-token")}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tc3-vector.json")
with open(path, "w") as out:
    json.dump(vector, out, indent=2, sort_keys=True)
    out.write("\n")
print(f"wrote {path}")
