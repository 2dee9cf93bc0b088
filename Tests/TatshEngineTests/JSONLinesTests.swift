import Foundation
import Testing

@testable import TatshEngine

/// Reading JSON Lines fast must not change what is read.
@Suite struct JSONLinesTests {
  @Test func longKeysThatLookAlikeStayApart() throws {
    // 17-byte keys with the same length, first 8 and last 8 bytes: the key cache must tell them apart.
    var keys = JSONReader.KeyCache()
    let first = try JSONReader.value(from: Array(#"{"AAAAAAAAxAAAAAAAA":1}"#.utf8), keys: &keys)
    let second = try JSONReader.value(from: Array(#"{"AAAAAAAAyAAAAAAAA":2}"#.utf8), keys: &keys)
    let again = try JSONReader.value(from: Array(#"{"AAAAAAAAxAAAAAAAA":3}"#.utf8), keys: &keys)
    #expect(ValueJSON.compact(first) == #"{"AAAAAAAAxAAAAAAAA":1}"#)
    #expect(ValueJSON.compact(second) == #"{"AAAAAAAAyAAAAAAAA":2}"#)
    #expect(ValueJSON.compact(again) == #"{"AAAAAAAAxAAAAAAAA":3}"#)
  }

  @Test func stringsWithEscapesControlCharactersOrNoEnd() throws {
    let long = String(repeating: "a", count: 300)
    let escaped = try JSONReader.value(from: Array(#"["\#(long)\"\n\u0041", "x\\"]"#.utf8))
    #expect(escaped == .array([.string(long + "\"\nA"), .string("x\\")]))
    #expect(throws: JSONReader.Malformed.self) { try JSONReader.value(from: Array("[\"a\u{01}b\"]".utf8)) }
    #expect(throws: JSONReader.Malformed.self) { try JSONReader.value(from: Array("[\"a\\n\u{01}\"]".utf8)) }
    #expect(throws: JSONReader.Malformed.self) { try JSONReader.value(from: Array(#"["\#(long)"#.utf8)) }
    #expect(throws: JSONReader.Malformed.self) { try JSONReader.value(from: Array(#"{"a":"#.utf8)) }
    let invalidUTF8: [UInt8] = [0x22, 0xFF, 0x61, 0x22]
    #expect(try JSONReader.value(from: invalidUTF8) == .string("\u{FFFD}a"))
  }

  @Test func changingANestedFieldLeavesCopiesAlone() {
    let original = Record([
      Record.Field("TaskResult", .object(Record([Record.Field("Output", .string("aGk="))])))
    ])
    var changed = original
    RecordTransforms.decode(&changed, paths: [["TaskResult", "Output"]])
    #expect(changed.value(at: ["TaskResult", "Output"]) == .string("hi"))
    #expect(original.value(at: ["TaskResult", "Output"]) == .string("aGk="))
  }

  @Test func linesAcrossChunksAreReadWholeAndPluginsGetThemAsWritten() async throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tatsh-lines-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("tasks.jsonl").path
    // Lines of about 70 KB, so that several cross the 1 MB chunks the file is read in.
    let output = Data(String(repeating: "ok\n", count: 17_000).utf8).base64EncodedString()
    let failing = Data("... error: disk full\n".utf8).base64EncodedString()
    var text = ""
    for index in 0..<40 {
      let encoded = index % 4 == 0 ? failing : output
      text +=
        #"{"InvocationTaskId": "invt-\#(index)", "TaskResult": {"Output": "\#(encoded)", "ExitCode": 1.50}}"#
      text += "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let count = await fixture.run("open \(path) | decode | where output ~ \"error\" | count")
    #expect(count.output == #"{"count":10}"# + "\n")
    let ids = await fixture.run("open \(path) | where output ~ \"error\" | count")
    #expect(ids.output == #"{"count":0}"# + "\n")
    // An external command is handed each line exactly as it was in the file.
    let passed = await fixture.run("open \(path) | ^cat")
    #expect(passed.output == text)
  }
}
