import TATCore
import Testing

/// Well-formed ids with a prefix, `count` of them, all distinct.
private func ids(_ prefix: String, _ count: Int) -> [String] {
  (0..<count).map { prefix + String(format8($0)) }
}

private func format8(_ number: Int) -> String {
  let digits = String(number)
  return String(repeating: "0", count: 8 - digits.count) + digits
}

/// The code `validate` throws, or nil if it accepts.
private func code(_ validate: () throws -> Void) -> String? {
  do {
    try validate()
    return nil
  } catch let error as TATError {
    return error.code
  } catch {
    return "not a TATError: \(error)"
  }
}

@Suite("Request validation (TATCore)")
struct RequestValidationTests {
  @Test("DescribeInvocations accepts every limit at its maximum")
  func invocationsBoundaries() {
    let kinds = Filter(name: "instance-kind", values: ["CVM"])
    #expect(code { try DescribeInvocationsRequest().validate() } == nil)
    #expect(
      code { try DescribeInvocationsRequest(invocationIds: ids("inv-", 100)).validate() } == nil)
    #expect(code { try DescribeInvocationsRequest(limit: 100, offset: 0).validate() } == nil)
    #expect(code { try DescribeInvocationsRequest(limit: 0).validate() } == nil)
    #expect(
      code {
        try DescribeInvocationsRequest(filters: Array(repeating: kinds, count: 10)).validate()
      } == nil)
    #expect(
      code {
        try DescribeInvocationsRequest(filters: [
          Filter(name: "invocation-id", values: ids("inv-", 5))
        ]).validate()
      } == nil)
    #expect(
      code {
        try DescribeInvocationsRequest(filters: [
          Filter(name: "command-id", values: ["cmd-9dxzty3m"]),
          Filter(name: "command-created-by", values: ["TAT", "USER"]),
          Filter(name: "instance-kind", values: ["CVM", "LIGHTHOUSE"]),
        ]).validate()
      } == nil)
  }

  @Test("DescribeInvocations answers each broken rule with its code")
  func invocationsCodes() {
    func check(_ request: DescribeInvocationsRequest) -> String? { code { try request.validate() } }
    #expect(
      check(
        .init(
          invocationIds: ["inv-q4zp60g0"], filters: [Filter(name: "instance-kind", values: ["CVM"])]
        ))
        == "InvalidParameter.ConflictParameter")
    #expect(check(.init(invocationIds: ids("inv-", 101))) == "InvalidParameterValue.LimitExceeded")
    #expect(check(.init(limit: 101)) == "InvalidParameterValue.LimitExceeded")
    #expect(
      check(
        .init(filters: Array(repeating: Filter(name: "instance-kind", values: ["CVM"]), count: 11)))
        == "LimitExceeded.FilterValueExceeded")
    #expect(
      check(.init(filters: [Filter(name: "invocation-id", values: ids("inv-", 6))]))
        == "LimitExceeded.FilterValueExceeded")
    #expect(
      check(.init(filters: [Filter(name: "status", values: ["FAILED"])]))
        == "InvalidParameterValue.InvalidFilter")
    #expect(
      check(.init(filters: [Filter(name: "command-created-by", values: ["SYSTEM"])]))
        == "InvalidParameterValue.InvalidFilter")
    #expect(
      check(.init(filters: [Filter(name: "instance-kind", values: ["cvm"])]))
        == "InvalidParameterValue.InvalidFilter")
    #expect(
      check(.init(invocationIds: ["inv-Q4ZP60G0"])) == "InvalidParameterValue.InvalidInvocationId")
    #expect(
      check(.init(filters: [Filter(name: "invocation-id", values: ["inv-q4zp60g"])]))
        == "InvalidParameterValue.InvalidInvocationId")
    #expect(
      check(.init(filters: [Filter(name: "command-id", values: ["cmd-9dxzty3"])]))
        == "InvalidParameterValue.InvalidCommandId")
    #expect(check(.init(offset: -1)) == "InvalidParameterValue")
    #expect(check(.init(limit: -1)) == "InvalidParameterValue")
  }

  @Test("the filter names each action accepts")
  func filterNames() {
    #expect(
      DescribeInvocationsRequest.filterNames == [
        "invocation-id", "command-id", "command-created-by", "instance-kind",
      ])
    #expect(
      DescribeInvocationTasksRequest.filterNames == [
        "invocation-task-id", "invocation-id", "instance-id", "command-id",
      ])
    #expect(
      DescribeCommandsRequest.filterNames == [
        "command-id", "command-name", "command-type", "scene-id", "created-by", "tag-key",
        "tag-value",
      ])
  }

  @Test("DescribeCommands accepts tag:<key> filters, but not a bare tag:")
  func commandTagFilters() {
    #expect(
      code {
        try DescribeCommandsRequest(filters: [Filter(name: "tag:team", values: ["ops"])]).validate()
      } == nil)
    #expect(
      code {
        try DescribeCommandsRequest(filters: [Filter(name: "tag:", values: ["ops"])]).validate()
      }
        == "InvalidParameterValue.InvalidFilter")
    #expect(
      code {
        try DescribeInvocationsRequest(filters: [Filter(name: "tag:team", values: ["ops"])])
          .validate()
      }
        == "InvalidParameterValue.InvalidFilter")
  }

  @Test("a TATError shows its code, message and RequestId")
  func errorDescription() {
    let error = TATError(
      code: "InvalidParameterValue", message: "Offset must not be negative.", requestId: "r-1")
    #expect(
      error.description == "InvalidParameterValue: Offset must not be negative. (RequestId r-1)")
    #expect(TATError(code: "InternalError", message: "boom").description == "InternalError: boom")
  }
}
