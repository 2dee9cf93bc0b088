/// Prints an AST back as canonical tatsh text: one statement per line,
/// stages joined by ` | `, single spaces around comparison operators,
/// keywords in lower case and only the parentheses the precedence
/// (`not` over `and` over `or`, both left-associative) needs.
///
/// For every program the parser produces, `Parser.parse(format(program))`
/// gives the same program again, source ranges aside (and the case of a
/// `| WHERE …` stage's name: it is written `where`). A literal keeps its
/// kind, since the engine tells them apart (bare `null`, `42` and `$name`
/// are a null, a number and a variable; quoted, they are strings): a bare
/// literal is printed bare, a quoted one in quotes. A bare literal the
/// parser could not have read bare where it stands (such as `where` among
/// a stage's arguments) is quoted, which is the nearest the text can get.
/// Names have no quoted form and are printed as they are, so a tree the
/// parser cannot produce (a bare pipeline whose first stage is named
/// `help`, a `def` named `where`) does not read back the same.
public enum Formatter {
  /// The program's statements, one a line, with no newline after the last.
  public static func format(_ program: Program) -> String {
    program.statements.map { format($0) }.joined(separator: "\n")
  }

  /// One statement, on one line.
  public static func format(_ statement: Statement) -> String {
    switch statement {
    case .run(let pipeline):
      return format(pipeline)
    case .explain(let pipeline, _):
      return "explain " + format(pipeline)
    case .assign(let name, let pipeline, _):
      return "let \(variableName(name.text)) = " + format(pipeline)
    case .set(let name, let value, _):
      return "set \(name.text) \(literal(value, reserved: []))"
    case .showSettings:
      return "set"
    case .echo(let words, _):
      return (["echo"] + words.map { literal($0, reserved: []) }).joined(separator: " ")
    case .exit(let status, _):
      return status.map { "exit " + literal($0, reserved: []) } ?? "exit"
    case .define(let name, let parameters, let pipeline, _):
      return (["def", name.text] + parameters.map(\.text) + ["=", format(pipeline)]).joined(separator: " ")
    case .source(let file, _):
      return "source " + literal(file, reserved: [])
    case .help(let topic, _):
      return (["help"] + topic.map(\.text)).joined(separator: " ")
    case .watch(let interval, let pipeline, _):
      return "watch " + literal(interval, reserved: []) + " " + format(pipeline)
    }
  }

  /// The stages of the pipeline, joined by ` | `.
  public static func format(_ pipeline: Pipeline) -> String {
    pipeline.stages.map { format($0) }.joined(separator: " | ")
  }

  /// One stage: `NAME ARGUMENT… where CONDITION`, or `where CONDITION`
  /// for a stage of its own.
  public static func format(_ stage: Stage) -> String {
    if stage.name.text.lowercased() == "where", stage.arguments.isEmpty, let condition = stage.condition {
      return "where " + format(condition)
    }
    var words = [stage.name.text]
    // A bare `where` would end the arguments and start a condition.
    words += stage.arguments.map { literal($0, reserved: ["where"]) }
    if let condition = stage.condition { words += ["where", format(condition)] }
    return words.joined(separator: " ")
  }

  /// A `where` condition, with the fewest parentheses that keep its shape.
  public static func format(_ expression: Expression) -> String {
    switch expression {
    case .comparison(let comparison):
      return
        "\(comparison.field.text) \(comparison.comparator.rawValue) \(literal(comparison.value, reserved: []))"
    case .membership(let field, let values, let isNegated, _):
      let list = values.map { literal($0, reserved: []) }.joined(separator: ", ")
      return "\(field.text) \(isNegated ? "not in" : "in") (\(list))"
    case .not(let inner, _):
      return "not " + operand(inner, needsParentheses: inner.isBinary)
    case .and(let left, let right):
      return operand(left, needsParentheses: left.isOr) + " and "
        + operand(right, needsParentheses: right.isBinary)
    case .or(let left, let right):
      return format(left) + " or " + operand(right, needsParentheses: right.isOr)
    }
  }

  private static func operand(_ expression: Expression, needsParentheses: Bool) -> String {
    needsParentheses ? "(\(format(expression)))" : format(expression)
  }

  /// The name after `let`. The parser drops one leading `$` there, so a
  /// `$` lets through the names it would refuse (`where`, `and`, `or`,
  /// `not`, `in`) and keeps a name's own leading `$`.
  private static func variableName(_ name: String) -> String {
    let reserved: Set = ["and", "or", "not", "in", "where"]
    return name.hasPrefix("$") || reserved.contains(name.lowercased()) || !isWord(name) ? "$" + name : name
  }

  /// A literal as it must be written to read back the same: bare when it
  /// is bare and reads back as the same single word (and is not one of
  /// `reserved`, which the position would take as a keyword), else quoted.
  static func literal(_ literal: Literal, reserved: Set<String>) -> String {
    if literal.kind == .bare, isWord(literal.text), !reserved.contains(literal.text.lowercased()) {
      return literal.text
    }
    return quoted(literal.text)
  }

  /// Whether the lexer reads `text` as exactly one bare word with that text.
  static func isWord(_ text: String) -> Bool {
    var lexer = Lexer(text)
    guard let tokens = try? lexer.tokens(), tokens.count == 2 else { return false }
    return tokens[0].kind == .word && tokens[0].text.unicodeScalars.elementsEqual(text.unicodeScalars)
  }

  /// `text` in single quotes, which have no escapes, when it has no single
  /// quote and no newline; otherwise in double quotes, with `\"`, `\\`,
  /// `\n` and `\t` escaped.
  static func quoted(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: { $0 == "'" || $0 == "\n" }) {
      return "'\(text)'"
    }
    var result = String.UnicodeScalarView()
    result.append("\"")
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result.append(contentsOf: "\\\"".unicodeScalars)
      case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": result.append(contentsOf: "\\n".unicodeScalars)
      case "\t": result.append(contentsOf: "\\t".unicodeScalars)
      default: result.append(scalar)
      }
    }
    result.append("\"")
    return String(result)
  }
}

extension Expression {
  fileprivate var isOr: Bool {
    if case .or = self { return true }
    return false
  }

  fileprivate var isBinary: Bool {
    switch self {
    case .and, .or: true
    case .comparison, .membership, .not: false
    }
  }
}
