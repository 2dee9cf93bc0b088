import Foundation
import TatshTestSupport
import Testing

/// `.tatsh` scripts: comments, blank lines, several pipelines, errors with file:line:column.
@Suite struct ScriptTests {
  @Test func scriptRunsEveryPipelineInOrder() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let script = tatsh.folder.appendingPathComponent("report.tatsh")
    try """
    #!/usr/bin/env tatsh
    # two answers

    invocations inv-q4zp60g0 | count
    invocations inv-q4zp60g0 | tasks | select id   # its tasks
    """.write(to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardOutput
        == """
        {"count":1}
        {"InvocationTaskId":"invt-kakne8h2"}
        {"InvocationTaskId":"invt-jc2onrxm"}
        {"InvocationTaskId":"invt-6xmuisyq"}

        """)
  }

  @Test func parseErrorStopsTheScriptBeforeAnythingRuns() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let script = tatsh.folder.appendingPathComponent("broken.tatsh")
    try "invocations | count\n\ninvocations where (status=FAILED\n".write(
      to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("\(script.path):3:"))
  }

  @Test func runtimeErrorStopsTheScriptWithExitOne() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let script = tatsh.folder.appendingPathComponent("fails.tatsh")
    try "invocations inv-q4zp60g0 | count\ninvocations inv-BROKEN\ninvocations | count\n".write(
      to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 1)
    #expect(result.standardOutput == "{\"count\":1}\n")
    #expect(result.standardError.contains("\(script.path):2:1: error: stage 'invocations' failed"))
  }

  @Test func pipelineOnStandardInputRunsAsAScript() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let result = try tatsh.run([], input: "invocations inv-q4zp60g0 | count\n")
    #expect(result.status == 0)
    #expect(result.standardOutput == "{\"count\":1}\n")
  }

}

/// Script arguments, `exit`, `source` and `def` through the binary.
@Suite struct ScriptStatementTests {
  @Test func argumentsExitAndSource() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let library = tatsh.folder.appendingPathComponent("lib.tatsh")
    try "def failed-of id = invocations $id | tasks | where status != SUCCESS\n".write(
      to: library, atomically: true, encoding: .utf8)
    let script = tatsh.folder.appendingPathComponent("check.tatsh")
    try """
    #!/usr/bin/env tatsh
    source lib.tatsh
    echo checking $1
    failed-of $1 | count
    exit 3
    echo not reached
    """.write(to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path, "inv-q4zp60g0"])
    #expect(result.status == 3, "\(result.standardError)")
    #expect(result.standardOutput == "checking inv-q4zp60g0\n{\"count\":0}\n")
  }

  @Test func anErrorInASourcedFileNamesThatFile() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let library = tatsh.folder.appendingPathComponent("broken.tatsh")
    try "\ninvocations where (status=FAILED\n".write(to: library, atomically: true, encoding: .utf8)
    let script = tatsh.folder.appendingPathComponent("main.tatsh")
    try "source broken.tatsh\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try tatsh.run([script.path])
    #expect(result.status == 2)
    #expect(result.standardError.contains("\(library.path):2:"))
  }
}
