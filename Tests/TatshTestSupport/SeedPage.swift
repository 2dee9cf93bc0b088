import Foundation

/// The worked example of the public `DescribeInvocations` page
/// (`shared/seed/000_5a77fae95cf0707b.txt`), copied verbatim: the request
/// and the response the embedded backend must reproduce field for field.
public enum SeedPage {
  /// The example's request body.
  public static let requestJSON = #"""
    {
        "Offset": 0,
        "Limit": 1,
        "InvocationIds": [
            "inv-q4zp60g0"
        ]
    }
    """#

  /// The contents of the example's `Response` object.
  public static let responseJSON = #"""
    {
        "RequestId": "958a3603-d0c3-4c97-a37d-6bc24eacddac",
        "TotalCount": 1,
        "InvocationSet": [
            {
                "CommandId": "cmd-9dxzty3m",
                "CommandContent": "cHdk",
                "CommandType": "SHELL",
                "Timeout": 60,
                "InvocationSource": "USER",
                "WorkingDirectory": "/root",
                "InvocationId": "inv-q4zp60g0",
                "InstanceKind": "CVM",
                "InvocationStatus": "SUCCESS",
                "Description": "Test Invocation",
                "Parameters": "",
                "DefaultParameters": "{\"k1\":\"v1\"}",
                "Username": "root",
                "OutputCOSKeyPrefix": "cosprefix",
                "OutputCOSBucketUrl": "https://example-123456789.cos.ap-beijing.myqcloud.com",
                "InvocationTaskBasicInfoSet": [
                    {
                        "InvocationTaskId": "invt-kakne8h2",
                        "TaskStatus": "SUCCESS",
                        "InstanceId": "ins-zj0f57ew"
                    },
                    {
                        "InvocationTaskId": "invt-jc2onrxm",
                        "TaskStatus": "SUCCESS",
                        "InstanceId": "ins-zj0f57ex"
                    },
                    {
                        "InvocationTaskId": "invt-6xmuisyq",
                        "TaskStatus": "SUCCESS",
                        "InstanceId": "ins-zj0f57ev"
                    }
                ],
                "StartTime": "2020-11-09T07:21:59+00:00",
                "EndTime": "2020-11-09T07:22:08+00:00",
                "CreatedTime": "2020-11-09T07:21:59+00:00",
                "UpdatedTime": "2020-11-09T07:22:08+00:00"
            }
        ]
    }
    """#

  /// The example invocation as a JSON object.
  public static var exampleInvocation: [String: Any] {
    let response = try! JSONSerialization.jsonObject(with: Data(responseJSON.utf8)) as! [String: Any]
    return (response["InvocationSet"] as! [[String: Any]])[0]
  }

  /// A JSON value as canonical text (sorted keys), for comparing values of any shape.
  public static func canonical(_ value: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}
