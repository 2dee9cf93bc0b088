import Foundation
import TatshTestSupport
import Testing

/// `scripts/install` and `scripts/release` as a user runs them: the static
/// release built, installed into a prefix or packed into an archive, and the
/// result used from an empty folder, from bash's Tab, from `man`, and
/// where no Swift toolchain is on the PATH.
///
/// The release is built in `.build-shipping`, not `.build`: `swift test`
/// holds `.build` locked while the tests run.
@Suite(.serialized) struct ShippingTests {
  static let root = OfficialClients.root
  static let buildPath = root.appendingPathComponent(".build-shipping").path

  /// The folder the Swift toolchain is installed in (`/opt/swift/usr`).
  static var toolchain: String {
    let swift = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
      .map { URL(fileURLWithPath: String($0)).appendingPathComponent("swift") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return swift?.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path
      ?? "/opt/swift/usr"
  }

  /// A bash command line run to its end in `folder`; its status and both streams. A `clean`
  /// run gets only `environment`, as a fresh login would; the others add it to the tests' own.
  static func shell(
    _ command: String, in folder: URL = root, environment: [String: String] = [:], clean: Bool = false
  ) async throws -> (status: Int32, output: String) {
    var arguments = ["-C", folder.path] + (clean ? ["-i"] : ["TATSH_BUILD_PATH=\(buildPath)"])
    arguments += environment.map { "\($0.key)=\($0.value)" } + ["/bin/bash", "-c", command]
    return try await OfficialClients.run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
  }

  /// `text` as one word of a shell command line.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  static func temporaryFolder(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tatsh-\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func installIntoAPrefixWorksFromAnEmptyFolderAndUninstallRemovesIt() async throws {
    let home = try Self.temporaryFolder("install-home")
    defer { try? FileManager.default.removeItem(at: home) }
    let prefix = home.appendingPathComponent("prefix with space")
    let config = home.appendingPathComponent("config")
    // A file of someone else's in the way: nothing is written, and the user is told which.
    let theirs = prefix.appendingPathComponent("share/man/man1/tatsh.1")
    try FileManager.default.createDirectory(
      at: theirs.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("their own page\n".utf8).write(to: theirs)
    let refused = try await Self.shell(
      "scripts/install --prefix \(Self.quoted(prefix.path))", environment: ["HOME": home.path])
    #expect(refused.status == 1)
    #expect(refused.output.contains("nothing installed"), "\(refused.output)")
    #expect(refused.output.contains("  \(theirs.path)\n"), "\(refused.output)")
    #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin").path))
    #expect(try String(contentsOf: theirs, encoding: .utf8) == "their own page\n")
    try FileManager.default.removeItem(at: prefix)
    // A prefix that cannot be a folder is refused before anything is built.
    let file = home.appendingPathComponent("a-file")
    try Data().write(to: file)
    let notAFolder = try await Self.shell(
      "scripts/install --prefix \(Self.quoted(file.path))/sub", environment: ["HOME": home.path])
    #expect(notAFolder.status == 1)
    #expect(notAFolder.output.contains("\(file.path) is a file, not a folder"), "\(notAFolder.output)")
    #expect(
      !notAFolder.output.contains("Compiling") && !notAFolder.output.contains("Build"), "\(notAFolder.output)"
    )

    let installed = try await Self.shell(
      "scripts/install --prefix \(Self.quoted(prefix.path)) --with-plugins",
      environment: ["HOME": home.path, "XDG_CONFIG_HOME": config.path])
    try #require(installed.status == 0, "\(installed.output)")
    for path in [
      "bin/tatsh", "bin/tatsh-runner", "share/man/man1/tatsh.1", "share/bash-completion/completions/tatsh",
      "share/zsh/site-functions/_tatsh", "share/fish/vendor_completions.d/tatsh.fish",
    ] {
      #expect(installed.output.contains("wrote \(prefix.path)/\(path)"), "\(path) not reported")
      #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
    }
    for plugin in ["tatsh-notify", "tatsh-failure-report", "tatsh-summary"] {
      #expect(
        FileManager.default.isExecutableFile(
          atPath: config.appendingPathComponent("tatsh/plugins/\(plugin)").path))
    }
    let escaped = prefix.path.replacingOccurrences(of: " ", with: "\\ ")
    #expect(
      installed.output.contains("scripts/install --uninstall --prefix \(escaped)\n"), "\(installed.output)")

    // From an empty folder, with nothing of the build around: the runner and the store are found.
    let empty = home.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let user = [
      "HOME": home.path, "PATH": "\(prefix.path)/bin:/usr/bin:/bin", "XDG_CONFIG_HOME": config.path,
      "XDG_DATA_HOME": home.appendingPathComponent("data").path,
      "XDG_STATE_HOME": home.appendingPathComponent("state").path, "TERM": "xterm",
    ]
    let version = try await Self.shell("tatsh --version", in: empty, environment: user, clean: true)
    #expect(version.status == 0)
    #expect(version.output.hasPrefix(try CheckoutVersion.lineStart()), "\(version.output)")
    let ran = try await Self.shell(
      "tatsh -c \"run 'echo from \\$PWD' on mi-local001 | decode | select output\"", in: empty,
      environment: user, clean: true)
    #expect(ran.status == 0, "\(ran.output)")
    #expect(ran.output.contains("from \(home.path)/"), "\(ran.output)")
    #expect(ran.output.contains("seeded it with 301 demo invocations"))
    let counted = try await Self.shell(
      "tatsh -c 'invocations | count'; ls -A", in: empty, environment: user, clean: true)
    #expect(counted.output.hasPrefix("{\"count\":302}\n"), "\(counted.output)")
    #expect(!counted.output.contains("sqlite"), "the store was made in the working folder")
    #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("data/tatsh/tat.sqlite").path))
    let plugins = try await Self.shell("tatsh plugins check", in: empty, environment: user, clean: true)
    #expect(plugins.output.contains("summary"), "\(plugins.output)")
    #expect(plugins.output.contains("notify"), "\(plugins.output)")

    // The man page, as man shows it.
    let manual = try await Self.shell(
      "MANWIDTH=100 man -l \(Self.quoted(prefix.appendingPathComponent("share/man/man1/tatsh.1").path)) 2>&1 | col -b",
      in: empty)
    #expect(manual.output.contains("tatsh — A shell for exploring"), "\(manual.output.prefix(400))")
    for command in ["seed", "serve", "instances", "config", "plugins"] {
      #expect(manual.output.contains("\n     \(command)"), "man page lacks \(command)")
    }
    #expect(!manual.output.contains("mdoc warning"), "\(manual.output.prefix(400))")

    // Uninstalling removes what was written, and nothing else.
    let keep = prefix.appendingPathComponent("bin/mine")
    try Data("#!/bin/sh\n".utf8).write(to: keep)
    let removed = try await Self.shell(
      "scripts/install --uninstall --prefix \(Self.quoted(prefix.path))",
      environment: ["HOME": home.path, "XDG_CONFIG_HOME": config.path])
    #expect(removed.status == 0, "\(removed.output)")
    let remaining = try FileManager.default.subpathsOfDirectory(atPath: prefix.path).sorted()
    #expect(remaining == ["bin", "bin/mine"], "\(remaining)")
    #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("tatsh").path))
    let again = try await Self.shell(
      "scripts/install --uninstall --prefix \(Self.quoted(prefix.path))",
      environment: ["HOME": home.path])
    #expect(again.status == 1)
    #expect(again.output.contains("nothing to uninstall"))
  }

  @Test func bashCompletesTheCommandsOfTheInstalledTatsh() async throws {
    let home = try Self.temporaryFolder("completion")
    defer { try? FileManager.default.removeItem(at: home) }
    let prefix = home.appendingPathComponent("prefix")
    let installed = try await Self.shell(
      "scripts/install --prefix \(Self.quoted(prefix.path))",
      environment: ["HOME": home.path])
    try #require(installed.status == 0, "\(installed.output)")
    let completions = prefix.appendingPathComponent("share/bash-completion/completions/tatsh").path
    // tmux sets the PATH of what it starts from its client's, so the command sets its own.
    let terminal = try TmuxSession(
      command: ["env", "PATH=\(prefix.path)/bin:/usr/bin:/bin", "bash", "--norc", "--noprofile"],
      environment: [
        "HOME": home.path, "TERM": "xterm", "TATSH_STORE": home.appendingPathComponent("tat.sqlite").path,
      ],
      width: 120, height: 30)
    try Data().write(to: home.appendingPathComponent("report.tatsh"))
    terminal.type(
      "PS1='$ '; cd \(Self.quoted(home.path)) && source \(Self.quoted(completions)) && echo ready")
    terminal.press("Enter")
    #expect(terminal.waitFor("\nready"))
    terminal.type("tatsh se")
    terminal.press("Tab", "Tab")
    #expect(terminal.waitUntilVisible { $0.contains("seed") && $0.contains("serve") }, "\(terminal.screen())")
    #expect(!terminal.visibleScreen().contains("runner"), "\(terminal.visibleScreen())")
    terminal.type("r")
    terminal.press("Tab")
    #expect(terminal.waitUntilVisible { $0.contains("$ tatsh serve ") }, "\(terminal.visibleScreen())")
    terminal.type("--allow-r")
    terminal.press("Tab", "Tab")
    #expect(
      terminal.waitUntilVisible { $0.contains("--allow-remote") && $0.contains("--allow-run") },
      "\(terminal.visibleScreen())")
    terminal.press("C-c")
    terminal.type("tatsh rep")
    terminal.press("Tab")
    #expect(terminal.waitUntilVisible { $0.contains("$ tatsh report.tatsh") }, "\(terminal.visibleScreen())")

    // The folders the install made go too, the prefix itself included, when nothing else is in them.
    let removed = try await Self.shell(
      "scripts/install --uninstall --prefix \(Self.quoted(prefix.path))", environment: ["HOME": home.path])
    #expect(removed.status == 0, "\(removed.output)")
    #expect(!FileManager.default.fileExists(atPath: prefix.path), "\(removed.output)")
    terminal.press("C-c")
  }

  @Test func theReleaseArchiveRunsWithoutTheToolchain() async throws {
    let work = try Self.temporaryFolder("release")
    defer { try? FileManager.default.removeItem(at: work) }
    let made = try await Self.shell(
      "scripts/release --output \(Self.quoted(work.path))")
    try #require(made.status == 0, "\(made.output)")
    let name =
      "tatsh-\(CheckoutVersion.version)-linux-\(try await Self.shell("uname -m").output.trimmingCharacters(in: .whitespacesAndNewlines))"
    let archive = work.appendingPathComponent("\(name).tar.gz")
    #expect(made.output.hasSuffix(archive.path + "\n"), "\(made.output.suffix(300))")

    // Unpacked in a fresh folder by someone with no Swift: only /usr/bin and /bin on the PATH.
    let fresh = work.appendingPathComponent("fresh")
    try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
    let user = ["HOME": fresh.path, "PATH": "/usr/bin:/bin", "TERM": "xterm"]
    let unpacked = try await Self.shell(
      "sha256sum -c \(name).tar.gz.sha256 && cd fresh && tar -xzf ../\(name).tar.gz && cd \(name) && sha256sum -c --quiet SHA256SUMS && find . -type f | sort",
      in: work, environment: user, clean: true)
    #expect(unpacked.status == 0, "\(unpacked.output)")
    for file in [
      "./bin/tatsh", "./bin/tatsh-runner", "./share/man/man1/tatsh.1",
      "./share/bash-completion/completions/tatsh",
      "./share/zsh/site-functions/_tatsh", "./share/fish/vendor_completions.d/tatsh.fish",
      "./share/doc/tatsh/README.md", "./share/doc/tatsh/LICENSE", "./share/doc/tatsh/THIRD-PARTY-LICENSES",
      "./share/doc/tatsh/LANGUAGE.md", "./share/doc/tatsh/PLUGINS.md", "./SHA256SUMS",
    ] {
      #expect(unpacked.output.contains(file + "\n"), "\(file) is not in the archive")
    }
    // Or into a prefix, as the README says: nothing but bin/ and share/ lands in it.
    let merged = try await Self.shell(
      "mkdir prefix && tar -xzf \(name).tar.gz -C prefix --strip-components=1 --exclude='*/SHA256SUMS' && ls -A prefix",
      in: work, environment: user, clean: true)
    #expect(merged.output == "bin\nshare\n", "\(merged.output)")

    let binaries = fresh.appendingPathComponent("\(name)/bin")
    let libraries = try await Self.shell(
      "ldd tatsh tatsh-runner", in: binaries, environment: user, clean: true)
    #expect(libraries.status == 0, "\(libraries.output)")
    #expect(!libraries.output.contains(Self.toolchain), "linked to the toolchain: \(libraries.output)")
    #expect(!libraries.output.contains("libswift"), "\(libraries.output)")
    #expect(!libraries.output.contains("not found"), "\(libraries.output)")
    let counted = try await Self.shell(
      "command -v swift; bin/tatsh -c 'invocations | count' && bin/tatsh --version",
      in: fresh.appendingPathComponent(name), environment: user, clean: true)
    #expect(counted.status == 0, "\(counted.output)")
    #expect(counted.output.contains("{\"count\":301}\n"), "\(counted.output)")
    #expect(counted.output.contains(try CheckoutVersion.lineStart()), "\(counted.output)")
  }
}
