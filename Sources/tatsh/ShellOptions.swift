import ArgumentParser

/// The options of the shell itself (`tatsh -c …`, a script, the interactive
/// shell): what to run, how loudly, and against which backend.
struct ShellOptions: ParsableArguments {
  @Option(
    name: .customShort("c"),
    help: ArgumentHelp("Run one pipeline (or several, separated by ';') and exit.", valueName: "pipeline"))
  var command: String?

  @Flag(
    name: [.customShort("v"), .long],
    help: "Print every API request on stderr: action, parameters, RequestId, time.")
  var verbose = false

  @OptionGroup var storeOptions: StoreOptions

  @OptionGroup var backendOptions: BackendOptions
}
