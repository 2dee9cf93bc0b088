import ArgumentParser
import TatshRelease

/// tatsh's commands without the shell's script argument: the root that
/// parses `tatsh seed …` and `tatsh help seed`. argument-parser takes a
/// root's positional argument before its subcommands, so under `Tatsh`
/// itself `seed` would be read as a script's name.
struct Commands: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh", abstract: Tatsh.configuration.abstract, version: TatshRelease.description,
    subcommands: Tatsh.commands)
}

/// tatsh's command line as its bash, zsh and fish completions describe it:
/// the shell's options and the commands. Without the script argument, which
/// would make the scripts offer a file where a command's name goes; and not
/// for parsing, where the shell's options would take a command's own
/// (`tatsh serve --secret-id`).
struct CompletionShape: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tatsh", abstract: Tatsh.configuration.abstract, version: TatshRelease.description,
    subcommands: Tatsh.commands)

  @OptionGroup var options: ShellOptions
}
