import TatshLanguage

/// What completion knows of the session: names that exist now, and the
/// planning environment that tells the shape of the records at any point.
struct CompletionContext {
  var environment = PlanningEnvironment()
  var plugins: [String] = []
  /// The flags a plugin's describe declares, by the plugin's name.
  var pluginFlags: (String) -> [String] = { _ in [] }
  var recentIds: [RecordKind: [String]]
  var files: (String) -> [String]

  var variableNames: [String] { Array(environment.variables.keys) }
  var definitionNames: [String] { Array(environment.definitions.keys) }

  /// The shape of the records that `pipeline` hands on, as the planner sees
  /// it; nil where the text does not plan (yet).
  func shape(after pipeline: String) -> RecordShape? {
    guard let statements = try? Parser.parse(pipeline).statements, statements.count == 1,
      case .run(let parsed) = statements[0]
    else { return nil }
    return try? Planner.plan(parsed, in: environment).outputShape
  }
}
