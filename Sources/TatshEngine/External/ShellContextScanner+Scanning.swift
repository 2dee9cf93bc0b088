/// Scanning: the text, a unit at a time, through quoting, expansions and commands.
extension ShellContextScanner {
  /// Opens the quotes or the expansion that `unit` starts in a command's
  /// text or a test: a quote, `$…` or a backquote.
  mutating func openQuotingOrExpansion(_ unit: Unicode.Scalar) {
    setWord(.other)
    switch unit {
    case "'":
      stack.append(.singleQuote)
      index += 1
    case "\"":
      stack.append(.doubleQuote)
      index += 1
    default:
      _ = expansion(singleQuotes: true)
    }
  }

  mutating func scan() {
    while index < units.count {
      if undoBackquoteEscape() { continue }
      if scalar(at: index) == "\n", !isHeredoc(stack[stack.count - 1]), stack.contains(where: isHeredoc) {
        // The shell finds a here-document's end line by line before it reads what is in it.
        giveUp(after: "a line break inside an expansion in a here-document")
      }
      switch stack[stack.count - 1] {
      case .command(let command): self.command(command)
      case .singleQuote: singleQuote()
      case .dollarSingleQuote: dollarSingleQuote()
      case .doubleQuote: doubleQuote()
      case .parameter(let quoting, let part): parameter(quoting, part: part)
      case .arithmetic(let closesAtBracket, let depth):
        arithmetic(closesAtBracket: closesAtBracket, depth: depth)
      case .conditional(let word): conditional(word: word)
      case .arrayIndex(let depth): inArrayIndex(depth: depth)
      case .heredoc(let heredoc): heredocBody(heredoc)
      case .comment: comment()
      }
    }
  }

  /// In backquotes, `\$`, `\\` and `` \` `` (and `\"` when they are in double
  /// quotes) lose their backslash before the command in them is read, in
  /// whatever quotes: does that, and says whether it did.
  mutating func undoBackquoteEscape() -> Bool {
    guard let around = backquote, scalar(at: index) == "\\", keptBackslash != index else { return false }
    switch scalar(at: index + 1) {
    case "$":
      index += 1
    case "\\":
      index += 1
      keptBackslash = index
    case "`":
      giveUp(after: "backquotes within backquotes")
      index += 2
    case "\"" where around == .doubleQuoted:
      index += 1
    case "\"" where around != .unquoted:
      giveUp(after: "\\\" in backquotes in a here-document")
      index += 2
    default:
      return false
    }
    return true
  }

  /// `$…` and backquotes, where expansions happen; whether the unit was one.
  mutating func expansion(singleQuotes: Bool) -> Bool {
    switch scalar(at: index) {
    case "$":
      let next = scalar(at: index + 1)
      if let number = placeholder(at: index + 1) {
        record(number, as: .afterDollar)
        index += 2
      } else if next == "(", scalar(at: index + 2) == "(" {
        stack.append(.arithmetic(closesAtBracket: false, depth: 0))
        index += 3
      } else if next == "(" {
        stack.append(.command(Command(kind: .substitution)))
        index += 2
      } else if next == "{" {
        stack.append(.parameter(quoting: quoting, part: .start))
        index += 2
      } else if next == "[" {
        stack.append(.arithmetic(closesAtBracket: true, depth: 0))
        index += 2
      } else if next == "'", singleQuotes {
        stack.append(.dollarSingleQuote)
        index += 2
      } else if next == "\"", singleQuotes {
        stack.append(.doubleQuote)
        index += 2
      } else {
        index += 1
      }
      return true
    case "`":
      if case .command(let command) = stack.last, case .backquote = command.kind {
        pop()
      } else if backquote != nil {
        giveUp(after: "a backquote in quotes or parentheses within backquotes")
      } else {
        stack.append(.command(Command(kind: .backquote(around: quoting))))
      }
      index += 1
      return true
    default:
      return false
    }
  }

  mutating func command(_ command: Command) {
    var command = command
    if let number = placeholder(at: index) {
      record(number, as: current)
      setWord(.other)
      index += 1
      return
    }
    let unit = scalar(at: index)!
    let word = command.word
    switch unit {
    case "\\":
      if scalar(at: index + 1) == "\n" {
        index += 2  // A line continuation: the word goes on as if it were not there.
      } else {
        skipQuoted()
        setWord(.other)
      }
    case "'", "\"", "$", "`":
      openQuotingOrExpansion(unit)
    case "#" where word == .start:
      stack.append(.comment)
      index += 1
    case "\n":
      setWord(.start)
      index += 1
      startHeredocBody()
    case "(":
      if word == .start, scalar(at: index + 1) == "(" {
        stack.append(.arithmetic(closesAtBracket: false, depth: 0))
        index += 2
      } else {
        command.parens += 1
        command.word = .start
        stack[stack.count - 1] = .command(command)
        index += 1
      }
    case ")":
      if command.kind == .substitution, command.parens == 0 {
        if command.hasCase { giveUp(after: "a case in $(…), whose patterns end in )") }
        pop()
      } else {
        command.parens = max(0, command.parens - 1)
        command.word = .start
        stack[stack.count - 1] = .command(command)
      }
      index += 1
    case "<" where scalar(at: index + 1) == "<":
      if scalar(at: index + 2) == "<" {
        index += 3  // A here-string: its word is read like any other.
      } else {
        index += 2
        heredocDelimiter()
      }
      setWord(.start)
    case "[":
      if word == .name {
        stack.append(.arrayIndex(depth: 0))
      } else if word == .start, scalar(at: index + 1) == "[", Self.endsWord(scalar(at: index + 2)) {
        stack.append(.conditional(word: .start))
        index += 1
      } else {
        setWord(.other)
      }
      index += 1
    default:
      if word == .start, isWord("case", at: index) {
        command.hasCase = true
        stack[stack.count - 1] = .command(command)
      }
      if Self.endsWord(unit) {
        setWord(.start)
      } else if Self.isNameCharacter(unit) {
        setWord(word == .name || (word == .start && !("0"..."9").contains(unit)) ? .name : .other)
      } else {
        setWord(.other)
      }
      index += 1
    }
  }

  /// Whether `word` stands at `position` as a word of its own.
  func isWord(_ word: String, at position: Int) -> Bool {
    var position = position
    for expected in word.unicodeScalars {
      guard scalar(at: position) == expected else { return false }
      position += 1
    }
    return position == units.count || (scalar(at: position).map(Self.endsWord) ?? false)
  }
}
