import Foundation
import TATCore
import TatshTestSupport
import Testing

/// The JSON object `data` holds, as a dictionary.
private func jsonObject(_ data: Data) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// `data` re-serialised with sorted keys, so that two JSON texts compare by content.
private func canonicalJSON(_ data: Data) throws -> String {
  let object = try JSONSerialization.jsonObject(with: data)
  let canonical = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  return String(decoding: canonical, as: UTF8.self)
}

private func encode(_ value: some Encodable) throws -> Data {
  try JSONEncoder().encode(value)
}

@Suite("Wire format of DescribeInvocations")
struct WireFormatTests {
  @Test("a request encodes InvocationIds, Limit and Offset, and equals the page's example")
  func requestWithIDs() throws {
    let request = DescribeInvocationsRequest(invocationIds: ["inv-q4zp60g0"], limit: 1, offset: 0)
    let data = try encode(request)
    #expect(Set(try jsonObject(data).keys) == ["InvocationIds", "Limit", "Offset"])
    #expect(try canonicalJSON(data) == canonicalJSON(Data(SeedPage.requestJSON.utf8)))
  }

  @Test("a request encodes Filters as Name and Values")
  func requestWithFilters() throws {
    let request = DescribeInvocationsRequest(
      filters: [
        Filter(name: "instance-kind", values: ["CVM", "LIGHTHOUSE"]),
        Filter(name: "command-created-by", values: ["USER"]),
      ], limit: 50, offset: 100)
    let object = try jsonObject(try encode(request))
    #expect(Set(object.keys) == ["Filters", "Limit", "Offset"])
    #expect(object["Limit"] as? Int == 50)
    #expect(object["Offset"] as? Int == 100)
    let filters = try #require(object["Filters"] as? [[String: Any]])
    try #require(filters.count == 2)
    for filter in filters { #expect(Set(filter.keys) == ["Name", "Values"]) }
    #expect(filters[0]["Name"] as? String == "instance-kind")
    #expect(filters[0]["Values"] as? [String] == ["CVM", "LIGHTHOUSE"])
    #expect(filters[1]["Name"] as? String == "command-created-by")
    #expect(filters[1]["Values"] as? [String] == ["USER"])
  }

  @Test("every request field has its API name")
  func allRequestKeys() throws {
    let request = DescribeInvocationsRequest(
      invocationIds: ["inv-q4zp60g0"],
      filters: [Filter(name: "command-id", values: ["cmd-9dxzty3m"])],
      limit: 1, offset: 2)
    #expect(
      Set(try jsonObject(try encode(request)).keys) == [
        "InvocationIds", "Filters", "Limit", "Offset",
      ])
  }

  @Test("parameters left out are not sent, not even as null")
  func emptyRequest() throws {
    let data = try encode(DescribeInvocationsRequest())
    #expect(String(decoding: data, as: UTF8.self) == "{}")
  }

  @Test("the page's example request decodes into the request type")
  func decodesPageRequest() throws {
    let request = try JSONDecoder().decode(
      DescribeInvocationsRequest.self, from: Data(SeedPage.requestJSON.utf8))
    #expect(
      request == DescribeInvocationsRequest(invocationIds: ["inv-q4zp60g0"], limit: 1, offset: 0))
  }

  @Test("a response encodes TotalCount, InvocationSet and RequestId")
  func responseKeys() throws {
    let invocation = Invocation(
      invocationId: "inv-q4zp60g0", commandId: "cmd-9dxzty3m", invocationStatus: "SUCCESS",
      invocationTaskBasicInfoSet: [
        InvocationTaskBasicInfo(
          invocationTaskId: "invt-kakne8h2", taskStatus: "SUCCESS", instanceId: "ins-zj0f57ew")
      ], createdTime: "2020-11-09T07:21:59+00:00")
    let response = DescribeInvocationsResponse(
      totalCount: 7, invocationSet: [invocation], requestId: "958a3603-d0c3-4c97-a37d-6bc24eacddac")
    let object = try jsonObject(try encode(response))
    #expect(Set(object.keys) == ["TotalCount", "InvocationSet", "RequestId"])
    #expect(object["TotalCount"] as? Int == 7)
    #expect(object["RequestId"] as? String == "958a3603-d0c3-4c97-a37d-6bc24eacddac")
    let set = try #require(object["InvocationSet"] as? [[String: Any]])
    try #require(set.count == 1)
    #expect(
      Set(set[0].keys) == [
        "InvocationId", "CommandId", "InvocationStatus", "InvocationTaskBasicInfoSet",
        "CreatedTime",
      ])
    let basics = try #require(set[0]["InvocationTaskBasicInfoSet"] as? [[String: Any]])
    #expect(basics.map { Set($0.keys) } == [["InvocationTaskId", "TaskStatus", "InstanceId"]])
  }

  @Test("the page's example response decodes field for field")
  func decodesPageResponse() throws {
    let response = try JSONDecoder().decode(
      DescribeInvocationsResponse.self, from: Data(SeedPage.responseJSON.utf8))
    #expect(response.requestId == "958a3603-d0c3-4c97-a37d-6bc24eacddac")
    #expect(response.totalCount == 1)
    let invocation = try #require(response.invocationSet.first)
    #expect(response.invocationSet.count == 1)
    #expect(invocation.invocationId == "inv-q4zp60g0")
    #expect(invocation.commandId == "cmd-9dxzty3m")
    #expect(invocation.commandName == nil)
    #expect(invocation.invocationStatus == "SUCCESS")
    #expect(invocation.description == "Test Invocation")
    #expect(invocation.startTime == "2020-11-09T07:21:59+00:00")
    #expect(invocation.endTime == "2020-11-09T07:22:08+00:00")
    #expect(invocation.createdTime == "2020-11-09T07:21:59+00:00")
    #expect(invocation.updatedTime == "2020-11-09T07:22:08+00:00")
    #expect(invocation.parameters == "")
    #expect(invocation.defaultParameters == #"{"k1":"v1"}"#)
    #expect(invocation.instanceKind == "CVM")
    #expect(invocation.username == "root")
    #expect(invocation.invocationSource == "USER")
    #expect(invocation.commandContent == "cHdk")
    #expect(invocation.commandType == "SHELL")
    #expect(invocation.timeout == 60)
    #expect(invocation.workingDirectory == "/root")
    #expect(
      invocation.outputCOSBucketUrl == "https://example-123456789.cos.ap-beijing.myqcloud.com")
    #expect(invocation.outputCOSKeyPrefix == "cosprefix")
    #expect(
      invocation.invocationTaskBasicInfoSet == [
        InvocationTaskBasicInfo(
          invocationTaskId: "invt-kakne8h2", taskStatus: "SUCCESS", instanceId: "ins-zj0f57ew"),
        InvocationTaskBasicInfo(
          invocationTaskId: "invt-jc2onrxm", taskStatus: "SUCCESS", instanceId: "ins-zj0f57ex"),
        InvocationTaskBasicInfo(
          invocationTaskId: "invt-6xmuisyq", taskStatus: "SUCCESS", instanceId: "ins-zj0f57ev"),
      ])
    let content = try #require(invocation.commandContent)
    let script = try #require(Data(base64Encoded: content))
    #expect(String(decoding: script, as: UTF8.self) == "pwd")
    let defaults = try #require(invocation.defaultParameters)
    let parameters = try JSONDecoder().decode([String: String].self, from: Data(defaults.utf8))
    #expect(parameters == ["k1": "v1"])
    #expect(APITimestamp.epochSeconds(from: invocation.createdTime) == 1_604_906_519)
  }

  @Test("the page's example response survives decoding and encoding unchanged")
  func pageResponseRoundTrip() throws {
    let page = Data(SeedPage.responseJSON.utf8)
    let response = try JSONDecoder().decode(DescribeInvocationsResponse.self, from: page)
    #expect(try canonicalJSON(try encode(response)) == canonicalJSON(page))
  }

  @Test("an invocation still running decodes with a null EndTime")
  func nullEndTime() throws {
    let json = #"""
      {"InvocationId": "inv-abcdefgh", "CommandId": "cmd-abcdefgh", "InvocationStatus": "RUNNING",
       "InvocationTaskBasicInfoSet": [], "CreatedTime": "2020-11-09T07:21:59+00:00", "EndTime": null}
      """#
    let invocation = try JSONDecoder().decode(Invocation.self, from: Data(json.utf8))
    #expect(invocation.endTime == nil)
    #expect(invocation.invocationStatus == "RUNNING")
  }

  @Test("a response without its RequestId is rejected")
  func requestIdIsRequired() {
    let json = #"{"TotalCount": 0, "InvocationSet": []}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(DescribeInvocationsResponse.self, from: Data(json.utf8))
    }
  }
}
