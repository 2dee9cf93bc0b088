import Foundation
import TatshTestSupport
import Testing

/// Running commands through `tatsh serve`: the official SDK on the local
/// instances, and tatsh's own cloud backend, which asks before it changes anything.
@Suite struct RunInteropTests {
  @Test func theOfficialSDKRunsCommandsOnTheLocalInstances() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDany", "--secret-key", "any-key", "--allow-run",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let (status, printed) = try OfficialClients.run(
      OfficialClients.sdkPython, [OfficialClients.script("sdk_run.py").path, String(port)])
    #expect(status == 0, "\(printed)")
    let lines = printed.split(separator: "\n").map(String.init)
    #expect(lines.contains("run mi-local001 SUCCESS 0 hello world from mi-local001"), "\(printed)")
    #expect(lines.contains("run mi-local002 SUCCESS 0 hello world from mi-local002"), "\(printed)")
    #expect(lines.contains("invoke mi-local003 SUCCESS hello nobody from mi-local003"), "\(printed)")
    // DefaultParameterConfs: the list form of the defaults, filled in and kept with the saved command.
    #expect(lines.contains("confs SUCCESS hi world"), "\(printed)")
    #expect(lines.contains("confs saved {\"greeting\":\"hi\",\"name\":\"nobody\"}"), "\(printed)")
    for (check, code) in [
      ("confs and defaults", "InvalidParameter.ConflictParameter"),
      ("confs not enabled", "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"),
      ("confs name twice", "InvalidParameterValue"),
      ("confs bad name", "InvalidParameterValue.ParameterKeyContainsInvalidChar"),
      ("lack of parameters", "InvalidParameterValue.LackOfParameters"),
      ("parameters not enabled", "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"),
      ("bad parameter json", "InvalidParameterValue.ParameterInvalidJsonFormat"),
      ("not base64", "InvalidParameterValue.InvalidContent"),
      ("bad instance id", "InvalidParameterValue.InvalidInstanceId"),
      ("not a local instance", "ResourceNotFound.InstanceNotFound"),
      ("timeout too long", "InvalidParameterValue"),
      ("too many instances", "InvalidParameterValue.LimitExceeded"),
      ("unknown command", "ResourceNotFound.CommandNotFound"),
      ("unknown invocation", "ResourceNotFound.InvocationNotFound"),
    ] {
      #expect(lines.contains("\(check) \(code) request-id"), "\(check): \(printed)")
    }
    #expect(lines.contains("cancelled ['TERMINATED']"), "\(printed)")
  }

  @Test func theCloudBackendAsksBeforeItChangesAnything() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer([
      "--secret-id", "AKIDrun", "--secret-key", "run-key", "--allow-run",
    ])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let cloud = ["TENCENTCLOUD_SECRET_ID": "AKIDrun", "TENCENTCLOUD_SECRET_KEY": "run-key"]
    let endpoint = ["--endpoint", "http://127.0.0.1:\(port)"]
    let before = try tatsh.run(["--backend", "embedded", "-c", "invocations | count"]).standardOutput

    let refused = try tatsh.run(endpoint + ["-c", "run 'true' on mi-local001"], environment: cloud)
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("add --yes to do it without asking"), "\(refused.standardError)")
    let cancelRefused = try tatsh.run(
      endpoint + ["-c", "invocations | first 1 | cancel"], environment: cloud)
    #expect(cancelRefused.status == 1)
    #expect(cancelRefused.standardError.contains("cancel: CancelInvocation on 1 invocation"))
    #expect(try tatsh.run(["--backend", "embedded", "-c", "invocations | count"]).standardOutput == before)

    let explained = try tatsh.run(endpoint + ["-c", "explain run 'true' on mi-local001"], environment: cloud)
    #expect(explained.standardOutput.contains("not made by explain"))

    let done = try tatsh.run(
      endpoint + ["-c", "run 'echo yes' on mi-local001 --yes | decode | select output"], environment: cloud)
    #expect(done.status == 0, "\(done.standardError)")
    #expect(done.standardOutput == "{\"TaskResult.Output\":\"yes\\n\"}\n")
  }
}
