import Foundation
import Testing

@testable import TatshEngine

/// Where `each`'s `{{Field}}` holes stand in the shell's grammar, the
/// script they become, and that every shell runs it with values as values.
@Suite struct ShellTemplateTests {
  typealias Context = ShellContextScanner.Context

  /// The contexts of the holes of `template`.
  static func contexts(_ template: String) -> [Context] {
    let texts = template.replacingOccurrences(
      of: #"\{\{[^}]*\}\}"#, with: "\u{1}", options: .regularExpression
    ).split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
    return ShellContextScanner.contexts(between: texts)
  }

  @Test(arguments: [
    ("echo {{a}} x{{b}}y", [Context.unquoted, .unquoted]),
    ("x={{a}}; export y={{b}}", [.unquoted, .unquoted]),
    ("echo \"x{{a}}y\" \"$x{{b}}\"", [.doubleQuoted, .doubleQuoted]),
    ("echo $\"{{a}}\"", [.doubleQuoted]),
    ("echo $(printf %s {{a}}) \"$(printf %s {{b}})\"", [.unquoted, .unquoted]),
    ("echo `printf %s {{a}}` \"`printf %s {{b}}`\"", [.unquoted, .unquoted]),
    ("echo \"`printf %s \\\"{{a}}\\\"`\" `printf %s \\\"{{b}}\\\"`", [.doubleQuoted, .unquoted]),
    ("echo ${x:-{{a}}} ${x-\"{{b}}\"} ${x:+'{{c}}'}", [.unquoted, .doubleQuoted, .singleQuoted]),
    (
      "echo \"${x:-{{a}}}\" \"${x#{{b}}}\" \"${x:-$(echo {{c}})}\"",
      [.doubleQuoted, .doubleQuoted, .unquoted]
    ),
    ("cat <<<{{a}}; cat <<< \"{{b}}\"", [.unquoted, .doubleQuoted]),
    ("echo {{a}} # {{b}} '\n{{c}}", [.unquoted, .comment, .unquoted]),
    ("echo x#{{a}} $# {{b}}", [.unquoted, .unquoted]),
    ("echo $(echo a # ) {{a}}\n) {{b}}", [.comment, .unquoted]),
    ("case {{a}} in x) echo {{b}};; esac", [.unquoted, .unquoted]),
    ("echo $(echo ')' {{a}}) \"$(echo \")\")\" '{{b}}'", [.unquoted, .singleQuoted]),
    ("(cd / && echo {{a}}) && echo '{{b}}'", [.unquoted, .singleQuoted]),
  ])
  func wordsQuotesAndSubstitutions(_ template: String, _ expected: [Context]) {
    #expect(Self.contexts(template) == expected, "\(template)")
  }

  @Test(arguments: [
    (
      "cat <<EOF\n{{a}} '{{b}}' \"{{c}}\"\nEOF\necho {{d}}",
      [Context.heredocBody, .heredocBody, .heredocBody, .unquoted]
    ),
    ("cat <<-EOF\n\t{{a}}\n\tEOF\necho '{{b}}'", [.heredocBody, .singleQuoted]),
    ("cat <<EOF\n$(echo {{a}}) ${x:-{{b}}}\nEOF", [.unquoted, .heredocBody]),
    ("cat <<'EOF'\n{{a}}\nEOF\necho {{b}}", [.literalHeredocBody, .unquoted]),
    ("cat <<\"EOF\"\n{{a}}\nEOF", [.literalHeredocBody]),
    ("cat <<\\EOF\n{{a}}\nEOF", [.literalHeredocBody]),
    ("cat <<E'O'F\n{{a}}\nEOF", [.literalHeredocBody]),
    ("cat <<EOF; echo '{{a}}'\nbody {{b}}\nEOF\n{{c}}", [.singleQuoted, .heredocBody, .unquoted]),
    ("cat <<A <<'B'\n{{a}}\nA\n{{b}}\nB\n{{c}}", [.heredocBody, .literalHeredocBody, .unquoted]),
    ("cat <<EOF # {{a}}\n{{b}}\nEOF", [.comment, .heredocBody]),
    // A line continuation: the second line is not the delimiter.
    ("cat <<EOF\na\\\nEOF\n{{a}}\nEOF\n{{b}}", [.heredocBody, .unquoted]),
    ("cat <<{{a}}\nx\n", [.heredocDelimiter]),
    ("cat <<'{{a}}'\nx\n", [.heredocDelimiter]),
  ])
  func hereDocuments(_ template: String, _ expected: [Context]) {
    #expect(Self.contexts(template) == expected, "\(template)")
  }

  @Test(arguments: [
    ("echo '{{a}}' \"'{{b}}'\"", [Context.singleQuoted, .doubleQuoted]),
    ("echo $'\\t{{a}}' {{b}}", [.dollarSingleQuoted, .unquoted]),
    ("echo $(( {{a}} + 1 )) \"$(( {{b}} ))\" $(( $(echo {{c}}) ))", [.arithmetic, .arithmetic, .arithmetic]),
    ("(( {{a}} > 1 )) && echo $[{{b}} + 1] {{c}}", [.arithmetic, .arithmetic, .unquoted]),
    ("echo $(( (1 + 2) * 3 )) {{a}}", [.unquoted]),
    ("[[ {{a}} -eq 1 ]] && echo {{b}}", [.conditional, .unquoted]),
    ("a[{{a}}]=1; declare b[1+{{b}}]=2; echo {{c}}", [.arraySubscript, .arraySubscript, .unquoted]),
    (
      "echo ${!{{a}}} ${x[{{b}}]} ${x:{{c}}} ${x@{{d}}}",
      [.parameterName, .parameterName, .parameterName, .parameterName]
    ),
    ("echo \\{{a}} \"\\{{b}}\" {{c}}", [.afterBackslash, .afterBackslash, .unquoted]),
    ("echo ${{a}} \"${{b}}\" \\${{c}}", [.afterDollar, .afterDollar, .unquoted]),
  ])
  func placesWhereAValueIsNotAValue(_ template: String, _ expected: [Context]) {
    #expect(Self.contexts(template) == expected, "\(template)")
  }

  @Test(arguments: [
    // Backquotes drop the backslash of \$ before the command in them is read.
    ("echo `echo \\$(( {{a}} ))`", Context.arithmetic),
    ("echo `echo '\\$x' {{a}}`", .unquoted),
    ("echo `echo \\\\$(( {{a}} ))`", .unquoted),
  ])
  func backquotesAreReadAsTheShellReadsThem(_ template: String, _ expected: Context) {
    #expect(Self.contexts(template) == [expected], "\(template)")
  }

  @Test(arguments: [
    "echo \"${x:-it's}\" {{a}}",
    "echo $'\\'' {{a}}",
    "x=$(case a in a) echo {{a}};; esac)",
    "echo `echo \\`date\\`` {{a}}",
    "echo `echo \"`\"` {{a}}",
    "echo $(( 1 ) {{a}}",
    "cat <<EOF\n$(echo\n{{a}})\nEOF",
    "cat <<$x\n{{a}}\n$x",
  ])
  func whatShellsReadDifferentlyRefusesWhatFollows(_ template: String) {
    let contexts = Self.contexts(template)
    #expect(contexts.count == 1)
    if case .unclear = contexts[0] {
    } else {
      Issue.record("\(template): \(contexts)")
    }
  }

  @Test func holesBecomeReferencesToOneVariablePerField() throws {
    let template = try ShellTemplate(
      "printf '%s' {{a}} \"x{{ a }}\" {{b}}; cat <<EOF\n{{b}}\nEOF\n# {{c}}"
    ) { $0 == "id" ? "InvocationId" : $0 }
    #expect(
      template.script
        == "printf '%s' \"${_TATSH_1}\" \"x${_TATSH_1}\" \"${_TATSH_2}\"; cat <<EOF\n${_TATSH_2}\nEOF\n# {{c}}"
    )
    #expect(template.variables.map(\.name) == ["_TATSH_1", "_TATSH_2"])
    #expect(template.variables.map(\.path) == [["a"], ["b"]])
    let same = try ShellTemplate("{{id}} {{InvocationId}}") { $0 == "id" ? "InvocationId" : $0 }
    #expect(same.script == "\"${_TATSH_1}\" \"${_TATSH_1}\"")
  }

  @Test func valuesGoToTheEnvironmentOrAreRefused() throws {
    let template = try ShellTemplate("echo {{a}} {{b}} {{missing}}") { $0 }
    let record = Record([Record.Field("a", .string("$(x)")), Record.Field("b", .string("y"))])
    #expect(
      try template.environment(for: record) == ["_TATSH_1": "$(x)", "_TATSH_2": "y", "_TATSH_3": ""])
    #expect(throws: ShellTemplate.Unpassable.self) {
      try template.environment(for: Record([Record.Field("a", .string("nul\0byte"))]))
    }
    #expect(throws: ShellTemplate.Unpassable.self) {
      try template.environment(
        for: Record([Record.Field("a", .string(String(repeating: "x", count: 131_063)))]))
    }
    _ = try template.environment(
      for: Record([Record.Field("a", .string(String(repeating: "x", count: 131_062)))]))
  }

  @Test(arguments: [
    (
      "echo 'name={{Name}}'",
      "{{Name}} is inside single quotes, where the shell expands nothing; close the quotes around it: echo 'name='{{Name}} (or in double quotes: echo \"name={{Name}}\")"
    ),
    (
      "echo '{{Name}}'; echo 'a $x {{Name}} b'",
      "{{Name}} is inside single quotes, where the shell expands nothing; close the quotes around it: echo {{Name}}; echo 'a $x {{Name}} b'"
    ),
    (
      "echo 'a $x {{Name}} b'",
      "{{Name}} is inside single quotes, where the shell expands nothing; close the quotes around it: echo 'a $x '{{Name}}' b'"
    ),
    (
      "echo $'\\t{{Name}}!'",
      "{{Name}} is inside $'…', where the shell expands nothing; close the quotes around it: echo $'\\t'{{Name}}$'!'"
    ),
    (
      "echo \\{{Name}}",
      "{{Name}} follows a backslash, which would keep the shell from expanding it; remove the backslash: echo {{Name}}"
    ),
    (
      "echo ${{Name}}",
      "{{Name}} follows a $, which would run into what replaces it; write \\$ for a dollar sign before it: echo \\${{Name}}"
    ),
  ])
  func refusalsSayHowToWriteIt(_ template: String, _ message: String) {
    #expect(throws: ShellTemplate.Misplaced.self) {
      do {
        _ = try ShellTemplate(template) { $0 }
      } catch let misplaced as ShellTemplate.Misplaced {
        #expect(misplaced.message == message)
        throw misplaced
      }
    }
  }

  // MARK: Every shell at hand runs the scripts with values as values

  static let hostileValues = [
    "$(touch PWNED)", "`touch PWNED`", "\"; touch PWNED; \"", "'; touch PWNED; '", "\\$(touch PWNED)",
    "x\ntouch PWNED", "${IFS}touch${IFS}PWNED", "$((1+1))", "EOF\ntouch PWNED", "a[$(touch PWNED)]", "*",
    "-n", "  two  spaces  ", "", "\\", "\t}\"'`$",
  ]

  /// A template that prints its value, and what it prints for `value`.
  static let printingTemplates: [(String, @Sendable (String) -> String)] = [
    ("printf '%s' {{v}}", { $0 }),
    ("printf '%s' \"<{{v}}>\"", { "<\($0)>" }),
    ("x={{v}}; printf '%s' \"$x\"", { $0 }),
    ("printf '%s' \"$(printf '%s.' {{v}})\"", { $0 + "." }),
    ("printf '%s' \"`printf '%s.' {{v}}`\"", { $0 + "." }),
    ("printf '%s' \"`printf '%s.' \\\"{{v}}\\\"`\"", { $0 + "." }),
    ("printf '%s' ${unset:-{{v}}}", { $0 }),
    ("printf '%s' \"${unset:-{{v}}}\"", { $0 }),
    ("printf '%s' ${unset:-\"{{v}}\"}", { $0 }),
    ("cat <<EOF\n{{v}}\nEOF", { $0 + "\n" }),
    ("cat <<-EOF\n\t<{{v}}>\n\tEOF", { "<\($0)>\n" }),
    ("case {{v}} in *) printf '%s' \"{{v}}\";; esac # {{v}}", { $0 }),
  ]

  /// The shells `/bin/sh` may be, of those installed.
  static func shells() -> [[String]] {
    [["/bin/sh"], ["/usr/bin/dash"], ["/bin/bash", "--posix"], ["/bin/bash"], ["/bin/busybox", "sh"]].filter {
      FileManager.default.isExecutableFile(atPath: $0[0])
    }
  }

  @Test func everyShellPrintsHostileValuesAsTheyAre() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var templates = Self.printingTemplates
    if Self.shells().contains(["/bin/bash"]) {
      templates.append(("cat <<<{{v}}", { $0 + "\n" }))
    }
    for shell in Self.shells() {
      for (text, expected) in templates {
        // Here-strings are bash's: only bash is asked to run them.
        if text.contains("<<<"), shell[0] != "/bin/bash" { continue }
        let template = try ShellTemplate(text) { $0 }
        for value in Self.hostileValues {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: shell[0])
          process.arguments = Array(shell.dropFirst()) + ["-c", template.script]
          process.environment = try template.environment(for: Record([Record.Field("v", .string(value))]))
            .merging(
              ["PATH": "/usr/bin:/bin"]) { $1 }
          process.currentDirectoryURL = folder
          let output = Pipe()
          process.standardOutput = output
          process.standardError = FileHandle.nullDevice
          try process.run()
          let printed = output.fileHandleForReading.readDataToEndOfFile()
          process.waitUntilExit()
          #expect(
            String(decoding: printed, as: UTF8.self) == expected(value),
            "\(shell.joined(separator: " ")): \(text) with \(value.debugDescription)")
          #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path))
        }
      }
    }
  }
}

extension ShellTemplateTests {
  /// A fixed sequence of pseudo-random numbers, so that a failure can be replayed.
  struct Sequence: RandomNumberGenerator {
    var state: UInt64
    /// SplitMix64.
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
      return mixed ^ (mixed >> 31)
    }
  }

  static let fragments = [
    "echo ", "{{v}}", "{{v}}", "'", "\"", "$(", ")", "`", "${x:-", "}", "$((", "))", "((", "[[ ", " ]]",
    "<<EOF\n", "\nEOF\n", "<<'EOF'\n", "# ", "\n", "\\", "$", " ", "; ", "case a in a) ", ";; esac", "a[",
    "]=1", "$'", "<<<", "x=", " 1 + ", "${x:", "${#", "(", "\\\\", "\\$",
  ]

  /// Whatever the scanner accepts, no shell runs the value: random templates
  /// made of the pieces that change how shells read text.
  @Test func noShellRunsAValueTheScannerLetsThrough() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let pwned = folder.appendingPathComponent("PWNED").path
    var random = Sequence(state: 18)
    var accepted = 0
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 2...9, using: &random)).map { _ in
        Self.fragments.randomElement(using: &random)!
      }.joined()
      guard text.contains("{{v}}"), let template = try? ShellTemplate(text, resolve: { $0 }) else { continue }
      accepted += 1
      for shell in Self.shells() {
        for value in ["a[$(touch PWNED)]", "$(touch PWNED)`touch PWNED`"] {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: shell[0])
          process.arguments = Array(shell.dropFirst()) + ["-c", template.script]
          process.environment = try template.environment(for: Record([Record.Field("v", .string(value))]))
            .merging(["PATH": "/usr/bin:/bin", "x": ""]) { $1 }
          process.currentDirectoryURL = folder
          process.standardInput = FileHandle.nullDevice
          process.standardOutput = FileHandle.nullDevice
          process.standardError = FileHandle.nullDevice
          try process.run()
          process.waitUntilExit()
          #expect(
            !FileManager.default.fileExists(atPath: pwned),
            "\(shell.joined(separator: " ")) ran \(value) in \(text.debugDescription)")
          try? FileManager.default.removeItem(atPath: pwned)
        }
      }
    }
    #expect(accepted > 100)
  }
}
