import Foundation

/// Runs the built `tatsh` binary as a user would, against a store of its own.
public struct TatshBinary: Sendable {
  /// What a finished run printed and how it exited.
  public struct Result: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
  }

  /// The `tatsh` executable next to the test bundle.
  public static let url: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("tatsh")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/tatsh")
  }()

  /// The folder this binary's store lives in; removed with `removeStore()`.
  public let folder: URL
  /// The store's path, passed as `TATSH_STORE`.
  public var storePath: String { folder.appendingPathComponent("tat.sqlite").path }

  public init() {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tatsh-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  /// The environment a run gets: this store, no terminal width, a home of its own.
  public func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["TATSH_STORE"] = storePath
    environment["HOME"] = folder.path
    environment["XDG_DATA_HOME"] = folder.appendingPathComponent("data").path
    environment.removeValue(forKey: "COLUMNS")
    // A developer's own cloud credentials must never reach the tests.
    for key in environment.keys where key.hasPrefix("TENCENTCLOUD_") || key == "TCCLI_PROFILE" {
      environment.removeValue(forKey: key)
    }
    environment["PAGER"] = "cat"
    environment["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
    environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
    environment.merge(extra) { $1 }
    return environment
  }

  /// Runs `tatsh arguments…` to the end with `input` on stdin.
  @discardableResult
  /// - Parameter wrapper: a command that runs tatsh, such as `unshare -n`.
  public func run(
    _ arguments: [String], input: String = "", environment extra: [String: String] = [:],
    wrapper: [String] = []
  ) throws -> Result {
    let process = Process()
    if let command = wrapper.first {
      process.executableURL = URL(fileURLWithPath: command)
      process.arguments = wrapper.dropFirst() + [Self.url.path] + arguments
    } else {
      process.executableURL = Self.url
      process.arguments = arguments
    }
    process.environment = environment(extra)
    process.currentDirectoryURL = folder
    let outputURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
    let errorURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let inputURL = folder.appendingPathComponent("stdin-\(UUID().uuidString)")
    try Data(input.utf8).write(to: inputURL)
    defer {
      for url in [outputURL, errorURL, inputURL] { try? FileManager.default.removeItem(at: url) }
    }
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
      standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
  }

  /// Starts `tatsh arguments…` and returns at once, its stderr going to `errorFile`.
  public func start(
    _ arguments: [String], errorFile: URL, outputFile: URL? = nil, environment extra: [String: String] = [:]
  ) throws -> Process {
    let process = Process()
    process.executableURL = Self.url
    process.arguments = arguments
    process.environment = environment(extra)
    process.currentDirectoryURL = folder
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.standardInput = FileHandle.nullDevice
    if let outputFile {
      _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
      process.standardOutput = try FileHandle(forWritingTo: outputFile)
    } else {
      process.standardOutput = FileHandle.nullDevice
    }
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    return process
  }

  /// Starts `tatsh serve --port 0 extra…` on this store; the process and the port it listens on.
  public func startServer(_ extra: [String] = []) throws -> (process: Process, port: Int) {
    let server = try startServerKeepingItsOutput(extra)
    return (server.process, server.port)
  }

  /// Starts `tatsh serve --port 0 extra…` on this store; the process, its
  /// port, and the files its stdout and stderr go to.
  public func startServerKeepingItsOutput(_ extra: [String] = []) throws -> (
    process: Process, port: Int, output: URL, errors: URL
  ) {
    let output = folder.appendingPathComponent("serve-\(UUID().uuidString.prefix(6)).out")
    let errors = folder.appendingPathComponent("serve-\(UUID().uuidString.prefix(6)).err")
    let process = try start(["serve", "--port", "0"] + extra, errorFile: errors, outputFile: output)
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      if let range = text.range(of: #"listening on https?://127\.0\.0\.1:\d+"#, options: .regularExpression),
        let port = Int(text[range].split(separator: ":").last ?? "")
      {
        return (process, port, output, errors)
      }
      if !process.isRunning { break }
      usleep(100_000)
    }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    throw ServerDidNotStart(errors: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
  }

  /// `tatsh serve` ended or did not listen within 30 s; what it printed on stderr.
  public struct ServerDidNotStart: Error, CustomStringConvertible {
    public var errors: String
    public var description: String { "tatsh serve did not start: \(errors)" }
  }

  /// Deletes the store folder.
  public func removeStore() {
    try? FileManager.default.removeItem(at: folder)
  }
}
