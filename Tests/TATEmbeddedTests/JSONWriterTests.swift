import Foundation
import TATCore
import TATEmbedded
import Testing

/// `JSONWriter`, which `tatsh serve` answers with, writes what `JSONEncoder`
/// writes: the same fields and values for every record of a demo store.
@Suite struct JSONWriterTests {
  private func parsed(_ data: Data) throws -> NSDictionary {
    try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
  }

  private func expectSame(_ response: some TATResponse & JSONWritable) throws {
    var writer = JSONWriter()
    response.write(to: &writer)
    #expect(try parsed(Data(writer.bytes)) == parsed(JSONEncoder().encode(response)))
  }

  @Test func everyResponseOfADemoStoreIsWrittenAsJSONEncoderWouldWriteIt() async throws {
    try await withStore(invocationCount: 200) { store in
      var offset = 0
      while true {
        let page = try await store.describeInvocations(DescribeInvocationsRequest(limit: 100, offset: offset))
        try expectSame(page)
        offset += 100
        if offset >= page.totalCount { break }
      }
      let tasks = try await store.describeInvocationTasks(
        DescribeInvocationTasksRequest(limit: 100, hideOutput: false))
      #expect(tasks.invocationTaskSet.contains { $0.taskResult?.output != nil })
      try expectSame(tasks)
      try expectSame(
        try await store.describeInvocationTasks(DescribeInvocationTasksRequest(limit: 100, hideOutput: true)))
      let commands = try await store.describeCommands(DescribeCommandsRequest(limit: 100))
      #expect(commands.commandSet.contains { $0.tags?.isEmpty == false })
      try expectSame(commands)
      try expectSame(try await store.send(DescribeRegionsRequest()))
    }
  }

  @Test(arguments: [
    "plain", "quote \" and backslash \\", "slash / stays", "new\nline\ttab\rreturn", "bell \u{07} nul \u{00}",
    "\u{1F} unit separator", "汉字 and emoji 🚀", "", "del \u{7F}",
  ])
  func stringsAreEscapedAsJSONRequires(text: String) throws {
    let invocation = Invocation(
      invocationId: "inv-12345678", commandId: "cmd-12345678", commandName: text, invocationStatus: "SUCCESS",
      description: text, createdTime: "2026-11-29T00:00:00+00:00", timeout: 60)
    try expectSame(DescribeInvocationsResponse(totalCount: 1, invocationSet: [invocation], requestId: text))
    var writer = JSONWriter()
    invocation.write(to: &writer)
    let object = try parsed(Data(writer.bytes))
    #expect(object["CommandName"] as? String == text)
    #expect(object["StartTime"] == nil)
  }
}
