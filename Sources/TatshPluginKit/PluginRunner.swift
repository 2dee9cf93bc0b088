import Foundation

/// Runs a `TatshPlugin` as tatsh expects: `--tatsh-describe` prints the
/// description; otherwise records arrive as JSON Lines on stdin and what the
/// plugin emits leaves on stdout, a line each. Errors go to stderr with a
/// non-zero exit, which fails the stage in tatsh.
public enum PluginRunner {
  public static func run<Plugin: TatshPlugin>(
    _ type: Plugin.Type, arguments: [String] = CommandLine.arguments
  ) {
    let arguments = Array(arguments.dropFirst())
    if arguments.first == "--tatsh-describe" {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = (try? encoder.encode(Plugin.description)) ?? Data()
      FileHandle.standardOutput.write(data + Data("\n".utf8))
      return
    }
    do {
      var plugin = try Plugin(arguments: arguments)
      var lineNumber = 0
      while let line = readLine(strippingNewline: true) {
        lineNumber += 1
        if line.allSatisfy(\.isWhitespace) { continue }
        guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
          throw PluginError("line \(lineNumber) of the input is not a JSON object")
        }
        try emit(plugin.receive(record))
      }
      try emit(plugin.finish())
    } catch {
      FileHandle.standardError.write(Data("\(Plugin.description.name): \(error)\n".utf8))
      exit(1)
    }
  }

  private static func emit(_ outputs: [PluginOutput]) throws {
    var text = ""
    for output in outputs {
      switch output {
      case .record(let record):
        let data = try JSONSerialization.data(
          withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        text += String(decoding: data, as: UTF8.self) + "\n"
      case .text(let line):
        text += line + "\n"
      }
    }
    if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
  }
}

/// A plugin's own error, printed as it is.
public struct PluginError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
