import Foundation

/// `Tests/interop/fault_endpoint.py` on loopback: a fake TAT endpoint that
/// injects one fault and logs each request (action, region, token, SecretId).
public final class FaultEndpoint {
  public let port: Int
  public let log: URL
  private let process: Process

  /// Starts it with `options` (`--fault slow --delay 2`…); stop it with `stop()`.
  public init(_ options: [String] = []) throws {
    log = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString).jsonl")
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", OfficialClients.script("fault_endpoint.py").path, "--port", "0", "--log", log.path]
      + options
    let announced = Pipe()
    process.standardOutput = announced
    try process.run()
    let line = String(decoding: announced.fileHandleForReading.availableData, as: UTF8.self)
    guard
      let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last ?? "")
    else {
      process.terminate()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  public var url: String { "http://127.0.0.1:\(port)" }

  /// Each logged request, as JSON objects, in order.
  public func requests() -> [[String: Any]] {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  public func stop() {
    process.terminate()
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: log)
  }
}
