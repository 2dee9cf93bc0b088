import Foundation

/// The official Tencent Cloud clients that `scripts/install-dependencies`
/// puts in virtualenvs under `.venv/`: the TAT SDK for Python and tccli.
public enum OfficialClients {
  /// The repository's root folder.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Python with `tencentcloud-sdk-python-tat`.
  public static var sdkPython: URL { root.appendingPathComponent(".venv/sdk/bin/python") }
  /// `tccli`, from `tccli-intl-en`.
  public static var tccli: URL { root.appendingPathComponent(".venv/tccli/bin/tccli") }
  /// A folder for `PYTHONPATH` whose `sitecustomize` makes the SDK honour
  /// `REQUESTS_CA_BUNDLE`, which it otherwise overrides with certifi's bundle.
  public static var caBundleShim: URL { root.appendingPathComponent("Tests/interop/ca-bundle") }

  /// A script under `Tests/interop/`.
  public static func script(_ name: String) -> URL {
    root.appendingPathComponent("Tests/interop").appendingPathComponent(name)
  }

  /// Runs `executable arguments…` to its end; its status and what it printed (both streams).
  public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, output: String)
  {
    let run = try CapturedRun(executable, arguments, environment: environment)
    defer { run.remove() }
    try run.process.run()
    run.process.waitUntilExit()
    return (run.process.terminationStatus, try run.printed())
  }

  /// Runs `executable arguments…` to its end without holding a thread of the
  /// concurrency pool while it waits, so a long script does not stall the
  /// tests running beside it.
  public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:])
    async throws -> (status: Int32, output: String)
  {
    let run = try CapturedRun(executable, arguments, environment: environment)
    defer { run.remove() }
    let process = run.process
    let status = try await withCheckedThrowingContinuation {
      (exited: CheckedContinuation<Int32, any Error>) in
      process.terminationHandler = { exited.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        exited.resume(throwing: error)
      }
    }
    return (status, try run.printed())
  }

  /// A process whose two output streams go to one temporary file.
  private struct CapturedRun {
    let process = Process()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString)")
    let handle: FileHandle

    init(_ executable: URL, _ arguments: [String], environment: [String: String]) throws {
      guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw Missing(path: executable.path)
      }
      process.executableURL = executable
      process.arguments = arguments
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      _ = FileManager.default.createFile(atPath: output.path, contents: nil)
      handle = try FileHandle(forWritingTo: output)
      process.standardOutput = handle
      process.standardError = handle
    }

    func printed() throws -> String {
      try handle.close()
      return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    func remove() { try? FileManager.default.removeItem(at: output) }
  }

  /// A client that is not installed.
  public struct Missing: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path) is missing: run scripts/install-dependencies" }
  }
}

/// A self-signed certificate for 127.0.0.1, made with openssl for one test.
public struct ThrowawayCertificate {
  public let certificate: URL
  public let key: URL

  public init(in folder: URL) throws {
    certificate = folder.appendingPathComponent("cert.pem")
    key = folder.appendingPathComponent("key.pem")
    let made = try OfficialClients.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out",
        certificate.path,
        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      ])
    guard made.status == 0 else { throw OpenSSLFailed(output: made.output) }
  }

  public struct OpenSSLFailed: Error {
    public var output: String
  }
}
