import Foundation

/// docs/LANGUAGE.md's examples: each ```tatsh program with the ```output
/// block that follows it.
public enum LanguagePage {
  public struct Example: CustomStringConvertible, Sendable {
    public var program: String
    public var output: String
    public var description: String { program }
  }

  public static func examples() throws -> [Example] {
    let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    let text = try String(contentsOf: page, encoding: .utf8)
    var examples: [Example] = []
    var rest = text[...]
    while let start = rest.range(of: "```tatsh\n") {
      let body = rest[start.upperBound...]
      guard let end = body.range(of: "```\n\n```output\n") else { break }
      let output = body[end.upperBound...]
      guard let close = output.range(of: "```") else { break }
      examples.append(
        Example(program: String(body[..<end.lowerBound]), output: String(output[..<close.lowerBound])))
      rest = output[close.upperBound...]
    }
    return examples
  }
}
