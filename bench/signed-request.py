#!/usr/bin/env python3
"""A wrk script that sends one request, signed by the official SDK's own
TC3 code, over and over (valid for the 5 minutes a signature lives).

    .venv/sdk/bin/python bench/signed-request.py HOST:PORT SECRET_ID SECRET_KEY ACTION 'JSON' > request.lua
"""
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tat.v20201028 import tat_client

endpoint, secret_id, secret_key, action, body = sys.argv[1:6]
profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
client = tat_client.TatClient(credential.Credential(secret_id, secret_key), "ap-guangzhou", profile)
request = RequestInternal(endpoint, "POST", "/")
client._build_req_with_tc3_signature(action, json.loads(body), request)


def lua(text):
    return json.dumps(text)


print('wrk.method = "POST"')
print("wrk.body = %s" % lua(request.data))
for name, value in request.header.items():
    print("wrk.headers[%s] = %s" % (lua(name), lua(value)))
