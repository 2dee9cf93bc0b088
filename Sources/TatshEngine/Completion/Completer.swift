import TATCore

/// Tab completion: from the text before the cursor, the word being typed
/// and what could stand there — sources at the start, stages after `|`,
/// fields of the records flowing at that point after `where`, `select`,
/// `sort by`, `group by`, the API's values after `status=` and the like,
/// recent ids after a source, variables after `$`, files after `open`,
/// `save` and `source`.
struct Completer {
  var context: CompletionContext

  private static let separators: Set<Character> = [
    " ", "\t", "\n", "|", ";", "(", ")", ",", "=", "<", ">", "~", "!",
  ]
  private static let statements = ["explain", "let", "def", "set", "source", "echo", "exit", "help", "watch"]

  /// How many characters before the cursor to replace, and the candidates, sorted.
  func complete(_ text: String) -> (replacing: Int, candidates: [String]) {
    let word = String(text.reversed().prefix { !Self.separators.contains($0) }.reversed())
    let before = String(text.dropLast(word.count))
    let candidates = candidates(for: word, after: before)
    let matching = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
    var seen: Set<String> = []
    return (word.count, matching.filter { seen.insert($0).inserted }.sorted())
  }

  private func candidates(for word: String, after before: String) -> [String] {
    if word.hasPrefix("$") { return context.variables.keys.map { "$" + $0 } + ["$args"] }
    let statement = Self.pipelinePart(
      of: String(before.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == "\n" }.last ?? ""))
    let segments = statement.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let segment = segments.last ?? ""
    let words = Self.words(segment)
    guard let first = words.first?.lowercased() else {
      return segments.count == 1 ? sources() : stages()
    }
    if segments.count == 1, Self.statements.contains(first) {
      return statementArguments(first, words: words, word: word)
    }
    let kind = self.kind(of: segments.dropLast(), current: segment)
    if let whereIndex = words.firstIndex(where: { $0.lowercased() == "where" })
      ?? (first == "where" ? 0 : nil)
    {
      return condition(
        words: Array(words[(whereIndex + 1)...]), endsWithOperator: Self.endsWithOperator(before), kind: kind)
    }
    switch first {
    case "invocations": return context.recentIds[.invocation] ?? []
    case "tasks" where segments.count == 1: return context.recentIds[.task] ?? []
    case "commands": return context.recentIds[.command] ?? []
    case "open", "save": return context.files(word)
    case "select", "reject", "uniq", "get", "flatten": return fields(of: kind)
    case "sort":
      if words.count == 1 { return ["by"] }
      return fields(of: kind) + (words.count > 2 ? ["desc", "asc"] : [])
    case "group":
      if words.count == 1 { return ["by"] }
      return words.count == 2 ? fields(of: kind) : ["count", "min", "max", "avg"] + fields(of: kind)
    default: return ["where"]
    }
  }

  private func sources() -> [String] {
    StageCatalog.all.filter { $0.role == .source }.map(\.name) + Self.statements + context.definitions
      + context.variables.keys.map { "$" + $0 }
  }

  private func stages() -> [String] {
    StageCatalog.all.filter { $0.role != .source || $0.name == "tasks" }.map(\.name) + context.definitions
      + context.plugins
  }

  private func statementArguments(_ statement: String, words: [String], word: String) -> [String] {
    switch (statement, words.count) {
    case ("set", 1): return Settings.names
    case ("set", 2):
      switch words[1].lowercased() {
      case "format": return OutputFormat.allCases.map(\.rawValue)
      case "color": return ["on", "off", "auto"]
      case "timezone": return ["UTC", "local"]
      default: return []
      }
    case ("help", 1): return StageCatalog.all.map(\.name) + Self.statements + context.definitions
    case ("source", 1): return context.files(word)
    case ("watch", 1): return ["5s", "10s", "30s", "1m"]
    default: return []
    }
  }

  private func condition(words: [String], endsWithOperator: Bool, kind: RecordKind?) -> [String] {
    let field: String? =
      if endsWithOperator {
        words.last { !Self.operators.contains($0) }
      } else if let open = words.lastIndex(where: { $0.lowercased() == "in" }), open > 0,
        words.count >= open + 1
      {
        words[open - 1]
      } else {
        nil
      }
    if let field {
      let path = canonical(field, kind: kind)
      if let values = kind?.enumeratedValues[path] { return values }
      if let kind, ["InvocationId", "InvocationTaskId", "CommandId"].contains(path) {
        let idKind: RecordKind = path == "InvocationId" ? .invocation : path == "CommandId" ? .command : .task
        return context.recentIds[idKind] ?? (kind == idKind ? [] : [])
      }
      return []
    }
    let afterValue = words.count >= 2 && Self.operators.contains(words[words.count - 2])
    return afterValue ? ["and", "or"] : fields(of: kind) + ["not"]
  }

  private func fields(of kind: RecordKind?) -> [String] {
    guard let kind else { return [] }
    let computed = kind == .command ? [] : ComputedField.allCases.map(\.rawValue)
    return kind.fields + kind.aliases.keys + computed + kind.filterOnlyFields
  }

  private func canonical(_ field: String, kind: RecordKind?) -> String {
    guard let kind else { return field }
    if let alias = kind.aliases.first(where: { $0.key.caseInsensitiveEquals(field) }) { return alias.value }
    return (kind.fields + kind.filterOnlyFields).first { $0.caseInsensitiveEquals(field) } ?? field
  }

  /// The kind of the records reaching the current stage.
  private func kind(of previous: ArraySlice<String>, current: String) -> RecordKind? {
    var kind: RecordKind? = nil
    for (index, segment) in (previous + [current]).enumerated() {
      guard let name = Self.words(segment).first?.lowercased() else { continue }
      switch name {
      case "invocations", "invocation": kind = .invocation
      case "tasks": kind = .task
      case "commands": kind = index == 0 ? .command : kind
      case let variable where variable.hasPrefix("$") && index == 0:
        kind = context.variables[String(variable.dropFirst())] ?? nil
      default: break
      }
    }
    return kind
  }

  private static func words(_ text: String) -> [String] {
    text.split { $0 == " " || $0 == "\t" || $0 == "," || $0 == "(" || $0 == ")" }.map(String.init)
      .flatMap { word -> [String] in
        // `status=FAILED` reads as a field, an operator and a value.
        let parts = word.split(omittingEmptySubsequences: false) { "=<>~!".contains($0) }.map(String.init)
        return parts.count > 1 ? [parts[0], "=", parts.dropFirst().joined()].filter { !$0.isEmpty } : [word]
      }
      .map {
        $0.allSatisfy { "=<>~!".contains($0) } ? "=" : $0
      }
  }

  private static func endsWithOperator(_ text: String) -> Bool {
    let trimmed = text.reversed().drop { $0 == " " }
    guard let last = trimmed.first else { return false }
    return "=<>~".contains(last)
  }

  /// The pipeline inside a statement that holds one: after `explain`,
  /// `let NAME =`, `def NAME … =` and `watch INTERVAL`.
  private static func pipelinePart(of statement: String) -> String {
    let words = statement.split(separator: " ", omittingEmptySubsequences: true)
    guard let first = words.first?.lowercased(), statement.last == " " || words.count > 1 else {
      return statement
    }
    let body: Substring?
    switch first {
    case "explain": body = statement.drop { $0 == " " }.dropFirst(first.count)
    case "watch" where words.count >= 2 && (words.count > 2 || statement.last == " "):
      body = statement.drop { $0 == " " }.dropFirst(first.count).drop { $0 == " " }.dropFirst(words[1].count)
    case "let", "def": body = statement.firstIndex(of: "=").map { statement[statement.index(after: $0)...] }
    default: body = nil
    }
    return body.map { String($0.drop { $0 == " " }) } ?? statement
  }

  private static let operators: Set<String> = ["=", "!=", "<", "<=", ">", ">=", "~", "!~"]
}
