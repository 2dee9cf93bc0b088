"""Makes the Tencent Cloud SDK (and with it tccli) trust REQUESTS_CA_BUNDLE.

The SDK passes `verify=certifi.where()` to requests, which then ignores
REQUESTS_CA_BUNDLE; the tests put this folder on PYTHONPATH so that a
throw-away certificate can be trusted without touching certifi's bundle.
"""
import os

bundle = os.environ.get("REQUESTS_CA_BUNDLE")
if bundle:
    import certifi

    certifi.where = lambda: bundle
