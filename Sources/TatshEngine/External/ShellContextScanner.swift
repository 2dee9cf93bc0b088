/// Finds where each `{{Field}}` of an `each` command stands in the shell's
/// grammar — unquoted, in double quotes, in a here-document, in single
/// quotes, in arithmetic… — so that its value can be referred to in the way
/// that keeps it one value, or refused where the shell would not expand a
/// variable or would evaluate its value as code.
///
/// It reads POSIX sh and the bash extensions a `/bin/sh` may have. It keeps
/// a stack of what is open (command substitutions, quotes, `${…}`,
/// arithmetic, here-documents…) and treats each placeholder as an opaque
/// piece of a word. Where shells read a text differently, everything after
/// it is `unclear`: a guess must never put a value where a shell evaluates it.
struct ShellContextScanner {
  /// Where a placeholder stands.
  enum Context: Equatable, Sendable {
    /// In a command, outside quotes (also in `$(…)`, backquotes, `<<<`, `${x:-…}` outside quotes).
    case unquoted
    /// In double quotes (also `${x:-…}` in double quotes).
    case doubleQuoted
    /// In the body of a here-document whose delimiter is unquoted (`<<EOF`).
    case heredocBody
    /// In a comment: the shell reads nothing of it.
    case comment
    /// In single quotes, where the shell expands nothing.
    case singleQuoted
    /// In `$'…'`, where the shell expands nothing.
    case dollarSingleQuoted
    /// In the body of a here-document whose delimiter is quoted (`<<'EOF'`).
    case literalHeredocBody
    /// In a here-document's delimiter, which is taken as written.
    case heredocDelimiter
    /// In `$((…))`, `((…))` or `$[…]`, where bash evaluates values as expressions.
    case arithmetic
    /// In `[[ … ]]`, where bash evaluates some operands as arithmetic or as variable names.
    case conditional
    /// Where `${…}` takes a name, an index or an offset.
    case parameterName
    /// In the index of an array element, `name[…]`, which bash evaluates as arithmetic.
    case arraySubscript
    /// Right after a backslash, which would quote what replaces it.
    case afterBackslash
    /// Right after a `$`, which would run into what replaces it.
    case afterDollar
    /// After a text shells read differently (`after` says which).
    case unclear(after: String)

    /// Whether a variable's value can stand here as one value and never as code.
    var takesValue: Bool {
      switch self {
      case .unquoted, .doubleQuoted, .heredocBody, .comment: true
      default: false
      }
    }
  }

  /// The context of each placeholder in a command written as `texts`
  /// with a placeholder between each two of them.
  static func contexts(between texts: [String]) -> [Context] {
    var units: [Unit] = []
    for (index, text) in texts.enumerated() {
      if index > 0 { units.append(.placeholder(index - 1)) }
      units += text.unicodeScalars.map(Unit.scalar)
    }
    var scanner = ShellContextScanner(units: units, count: max(0, texts.count - 1))
    scanner.scan()
    return scanner.contexts.map { $0 ?? .unclear(after: "an unreadable text") }
  }

  // MARK: The state

  enum Unit: Equatable {
    case scalar(Unicode.Scalar)
    case placeholder(Int)
  }

  /// Where a word in a command stands: what may start there (`#`, `((`, `[[`, `name[`).
  enum WordState {
    case start
    /// Only letters, digits and `_`, not starting with a digit: `name[` opens an index.
    case name
    case other
  }

  enum CommandKind: Equatable {
    case top
    case substitution
    /// Backquotes, and the quoting around them, which decides what `\"` means in them.
    case backquote(around: Context)
  }

  enum ParameterPart {
    case start, name, word
    /// An offset or a length (`${x:1:2}`), or an operator bash reads as one.
    case refused
  }

  struct Heredoc {
    var delimiter: [Unicode.Scalar]
    var stripsTabs: Bool
    var expands: Bool
    var atLineStart = true
  }

  /// A command's text: the top level, `$(…)` or backquotes.
  struct Command {
    var kind: CommandKind
    /// Parentheses opened in it and not closed yet.
    var parens = 0
    var word = WordState.start
    /// Whether a `case` was seen in it: its patterns end in `)`, which the scanner cannot tell from the closing one.
    var hasCase = false
  }

  enum Frame {
    case command(Command)
    case singleQuote
    case dollarSingleQuote
    case doubleQuote
    /// `${…}`; `quoting` is what a placeholder in its word is. The first `}` ends it.
    case parameter(quoting: Context, part: ParameterPart)
    /// `$((…))` and `((…))` close at `))`; `$[…]` at `]`.
    case arithmetic(closesAtBracket: Bool, depth: Int)
    case conditional(word: WordState)
    case arrayIndex(depth: Int)
    case heredoc(Heredoc)
    case comment
  }

  let units: [Unit]
  var index = 0
  var stack: [Frame] = [.command(Command(kind: .top))]
  var contexts: [Context?]
  /// Here-documents whose bodies start at the next line.
  var pendingHeredocs: [Heredoc] = []
  /// Set once the text reads differently in different shells.
  var unclearReason: String?
  /// Where a backslash that backquotes left in place stands, not to be undone again.
  var keptBackslash: Int?

  init(units: [Unit], count: Int) {
    self.units = units
    contexts = Array(repeating: nil, count: count)
  }

  // MARK: Looking at the text

  func scalar(at position: Int) -> Unicode.Scalar? {
    guard position < units.count, case .scalar(let scalar) = units[position] else { return nil }
    return scalar
  }

  func placeholder(at position: Int) -> Int? {
    guard position < units.count, case .placeholder(let number) = units[position] else { return nil }
    return number
  }

  static func isBlank(_ scalar: Unicode.Scalar?) -> Bool { scalar == " " || scalar == "\t" }

  /// Characters that end a word in a command.
  static func endsWord(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return true }
    return isBlank(scalar) || "\n;&|()<>".unicodeScalars.contains(scalar)
  }

  static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
      || ("0"..."9").contains(scalar)
  }

  /// The quoting that a `${…}` opened here gives its word.
  var quoting: Context {
    switch stack.last {
    case .doubleQuote: .doubleQuoted
    case .heredoc: .heredocBody
    case .parameter(let quoting, _): quoting
    default: .unquoted
    }
  }

  /// The quoting around the innermost backquotes, if any are open.
  var backquote: Context? {
    for frame in stack.reversed() {
      if case .command(let command) = frame, case .backquote(let around) = command.kind { return around }
    }
    return nil
  }

  // MARK: Recording

  mutating func record(_ number: Int, as context: Context) {
    contexts[number] = unclearReason.map { .unclear(after: $0) } ?? context
  }

  /// The context of a placeholder standing where the scanner is now.
  var current: Context {
    for frame in stack {
      switch frame {
      case .arithmetic: return .arithmetic
      case .conditional: return .conditional
      case .arrayIndex: return .arraySubscript
      case .parameter(_, let part) where part != .word: return .parameterName
      default: continue
      }
    }
    switch stack.last {
    case .singleQuote: return .singleQuoted
    case .dollarSingleQuote: return .dollarSingleQuoted
    case .doubleQuote: return .doubleQuoted
    case .parameter(let quoting, _): return quoting
    case .heredoc(let heredoc): return heredoc.expands ? .heredocBody : .literalHeredocBody
    case .comment: return .comment
    default: return .unquoted
    }
  }

  func isHeredoc(_ frame: Frame) -> Bool {
    if case .heredoc = frame { true } else { false }
  }

  mutating func giveUp(after reason: String) {
    if unclearReason == nil { unclearReason = reason }
  }

  /// Moves past the unit after a backslash, which it quotes.
  mutating func skipQuoted() {
    if let number = placeholder(at: index + 1) { record(number, as: .afterBackslash) }
    index += 2
  }

  mutating func setWord(_ word: WordState) {
    switch stack.last {
    case .command(var command):
      command.word = word
      stack[stack.count - 1] = .command(command)
    case .conditional: stack[stack.count - 1] = .conditional(word: word)
    default: break
    }
  }

  /// After a frame opened in a word closes, the word goes on.
  mutating func pop() {
    stack.removeLast()
    setWord(.other)
  }
}
