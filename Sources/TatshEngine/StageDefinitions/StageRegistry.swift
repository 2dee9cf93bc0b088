import TatshLanguage

/// Every built-in stage, gathered from the files that define them by
/// family. Adding a stage to a family's list is all it takes for the
/// planner, help, completion, "did you mean" and the reference test to
/// know it.
enum StageRegistry {
  /// The stages in the order help lists them. A name defined twice (`tasks`,
  /// a source and a stage after a pipe) is one stage that plans both ways,
  /// described as first defined.
  static let all: [StageDefinition] = merged(
    sources + changes.filter { $0.role == .source } + filtering + fields + ordering + lookups
      + changes.filter { $0.role != .source } + each + outputs)

  private static let byName: [String: StageDefinition] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The stage called `name` (any case), if there is one.
  static func definition(named name: String) -> StageDefinition? {
    byName[name.lowercased()]
  }

  /// The names that can start a pipeline.
  static var sourceNames: [String] { all.filter { $0.startsPipeline != nil }.map(\.name) }

  /// The names that can follow a pipe.
  static var stageNames: [String] { all.filter { $0.followsPipe != nil }.map(\.name) }

  private static func merged(_ definitions: [StageDefinition]) -> [StageDefinition] {
    var result: [StageDefinition] = []
    for definition in definitions {
      guard let index = result.firstIndex(where: { $0.name == definition.name }) else {
        result.append(definition)
        continue
      }
      result[index].startsPipeline = result[index].startsPipeline ?? definition.startsPipeline
      result[index].followsPipe = result[index].followsPipe ?? definition.followsPipe
    }
    return result
  }
}
