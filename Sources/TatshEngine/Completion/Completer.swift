import TATCore
import TatshLanguage

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
    if word.hasPrefix("$") { return context.variableNames.map { "$" + $0 } + ["$args"] }
    let statement = Self.pipelinePart(
      of: String(before.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == "\n" }.last ?? ""))
    let segments = statement.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let segment = segments.last ?? ""
    let words = Self.words(segment)
    guard let first = words.first?.lowercased() else {
      return segments.count == 1 ? sources() : stages()
    }
    if segments.count == 1, StatementKeyword.names.contains(first) {
      return statementArguments(first, words: words, word: word)
    }
    let shape = self.shape(previous: segments.dropLast(), words: words)
    if let whereIndex = words.firstIndex(where: { $0.lowercased() == "where" })
      ?? (first == "where" ? 0 : nil)
    {
      return condition(
        words: Array(words[(whereIndex + 1)...]), endsWithOperator: Self.endsWithOperator(before),
        shape: shape)
    }
    guard let definition = StageRegistry.definition(named: first) else {
      // A plugin's declared flags, where a flag is being typed.
      return word.hasPrefix("-") ? context.pluginFlags(first) : ["where"]
    }
    if word.hasPrefix("-") { return definition.flags.names }
    // After a flag that takes a value (`--timeout `), the value is typed, not offered.
    if let last = words.last,
      definition.flags.flags.contains(where: { $0.name == last && $0.placeholder != nil })
    {
      return []
    }
    switch definition.completion {
    case .nothing:
      // `where` after a stage that acts on each record, or an output, is refused.
      return definition.actsOnEachRecord || definition.role == .output ? [] : ["where"]
    case .recentIds(let kind): return segments.count == 1 ? context.recentIds[kind] ?? [] : ["where"]
    case .files: return context.files(word)
    case .words(let words): return words
    case .custom(let candidates): return candidates(words, fields(of: shape))
    case .fields: return fields(of: shape)
    }
  }

  private func sources() -> [String] {
    StageRegistry.sourceNames + StatementKeyword.names + context.definitionNames
      + context.variableNames.map { "$" + $0 }
  }

  private func stages() -> [String] {
    StageRegistry.stageNames + context.definitionNames + context.plugins
  }

  private func statementArguments(_ statement: String, words: [String], word: String) -> [String] {
    switch (statement, words.count) {
    case ("set", 1): return Settings.names
    case ("set", 2):
      switch words[1].lowercased() {
      case "format": return OutputFormat.allCases.map(\.rawValue) + ["auto"]
      case "color": return ["on", "off", "auto"]
      case "pager", "timing", "dry-run", "strict": return ["on", "off"]
      case "timezone": return ["UTC", "local"]
      default: return []
      }
    case ("help", 1): return HelpText.topics + context.definitionNames + context.plugins
    case ("help", 2) where words[1].lowercased() == "fields": return FieldHelp.kindNames
    case ("source", 1): return context.files(word)
    case ("watch", 1): return ["5s", "10s", "30s", "1m"]
    default: return []
    }
  }

  private func condition(words: [String], endsWithOperator: Bool, shape: RecordShape?) -> [String] {
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
      let path = shape?.resolvedQuietly(field) ?? field
      if let values = shape?.enumeratedValues(at: path) { return values }
      if shape != nil, let idKind = RecordKind.identified(by: path) { return context.recentIds[idKind] ?? [] }
      return []
    }
    let afterValue = words.count >= 2 && Self.operators.contains(words[words.count - 2])
    if afterValue { return ["and", "or"] }
    // Nothing known of the records (a file, a plugin's output): no candidates, not a lone `not`.
    let fields = fields(of: shape)
    return fields.isEmpty ? [] : fields + ["not"]
  }

  /// The names a field of `shape` can be written as: where a `select` or a
  /// `group` narrowed the records, only the fields left and their aliases.
  private func fields(of shape: RecordShape?) -> [String] {
    guard let shape else { return [] }
    if let fields = shape.fields {
      let aliases =
        shape.kind.map { kind in kind.aliases.filter { fields.contains($0.value) }.map(\.key) } ?? []
      let joined = shape.joinedFields.filter { path in fields.contains { path.hasPrefix($0 + ".") } }
      return fields + aliases + shape.extras + joined
    }
    guard let kind = shape.kind else { return Array(shape.extras) + shape.joinedFields + shape.renamed.keys }
    let computed = kind.hasComputedFields ? ComputedField.allCases.map(\.rawValue) : []
    let all =
      kind.fields + kind.aliases.keys + computed + kind.filterOnlyFields + shape.extras + shape.joinedFields
    // A field `rename` gave a new name goes by that name alone.
    return all.filter { shape.resolvedQuietly($0) != nil } + shape.renamed.keys
  }

  /// The shape of the records the word being typed applies to, as the
  /// planner sees it: after the stages before this one and, in a condition,
  /// after the part of this stage before its `where` (`tasks inv-1 where …`).
  private func shape(previous: ArraySlice<String>, words: [String]) -> RecordShape? {
    var stages = Array(previous)
    if let whereIndex = words.firstIndex(where: { $0.lowercased() == "where" }), whereIndex > 0 {
      stages.append(words[..<whereIndex].joined(separator: " "))
    }
    guard !stages.isEmpty else { return nil }
    return context.shape(after: stages.joined(separator: "|"))
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
