/// The id formats of TAT resources: a prefix and eight lowercase letters or digits.
public enum ResourceID {
  /// Whether `id` is `prefix` followed by eight lowercase letters or digits.
  public static func isWellFormed(_ id: String, prefix: String) -> Bool {
    guard id.hasPrefix(prefix) else { return false }
    let rest = id.utf8.dropFirst(prefix.utf8.count)
    return rest.count == 8
      && rest.allSatisfy {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
      }
  }

  public static let invocationPrefix = "inv-"
  public static let invocationTaskPrefix = "invt-"
  public static let commandPrefix = "cmd-"
  public static let invokerPrefix = "ivk-"
  /// A TAT-managed (registered) instance: a machine outside Tencent Cloud.
  public static let managedInstancePrefix = "mi-"
  /// The instances a command can run on: CVM, Lighthouse and TAT-managed ones.
  public static let instancePrefixes = ["ins-", "lhins-", "mi-"]

  /// Whether `id` names an instance in one of its forms.
  public static func isInstance(_ id: String) -> Bool {
    instancePrefixes.contains { isWellFormed(id, prefix: $0) }
  }

  /// How ids of these prefixes look, for an error: `ins-, lhins- or mi-xxxxxxxx`.
  static func forms(_ prefixes: [String]) -> String {
    guard prefixes.count > 1 else { return (prefixes.first ?? "") + "xxxxxxxx" }
    return prefixes.dropLast().joined(separator: ", ") + " or " + prefixes.last! + "xxxxxxxx"
  }
}
