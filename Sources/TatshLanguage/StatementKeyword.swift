/// The words that start a statement other than a pipeline, listed once:
/// the parser, completion, help and "did you mean" read them from here.
public enum StatementKeyword: String, Sendable, CaseIterable {
  case explain, `let`, def, set, source, echo, exit, help, watch

  /// Every keyword, as written.
  public static var names: [String] { allCases.map(\.rawValue) }
}

extension Token {
  func isKeyword(_ keyword: StatementKeyword) -> Bool { isKeyword(keyword.rawValue) }
}
