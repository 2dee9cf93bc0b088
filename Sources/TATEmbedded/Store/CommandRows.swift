import Foundation
import GRDB
import TATCore

/// How a `Command` is laid out in the `command` table; scenes and tags are JSON text.
enum CommandRows {
  static let columns = [
    "command_id", "command_name", "description", "content", "command_type", "working_directory",
    "timeout", "created_time", "updated_time", "enable_parameter", "default_parameters", "scenes",
    "formatted_description", "created_by", "tags", "username", "output_cos_bucket_url",
    "output_cos_key_prefix",
  ]

  static let insertSQL =
    "INSERT INTO command (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"

  /// Filter names of `DescribeCommands` that test one column directly (not
  /// the scene and tag filters, which look into JSON).
  static let filterColumns = columnsTested(by: DescribeCommandsRequest.filterNames, among: columns)

  static func arguments(for command: Command) throws -> StatementArguments {
    let encoder = JSONEncoder()
    let scenes = try command.scenes.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    let tags = try command.tags.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    let values: [(any DatabaseValueConvertible)?] = [
      command.commandId, command.commandName, command.description, command.content,
      command.commandType, command.workingDirectory, command.timeout, command.createdTime,
      command.updatedTime, command.enableParameter, command.defaultParameters, scenes,
      command.formattedDescription, command.createdBy, tags, command.username,
      command.outputCOSBucketUrl, command.outputCOSKeyPrefix,
    ]
    return StatementArguments(values)
  }

  static func command(from row: Row) throws -> Command {
    let decoder = JSONDecoder()
    let scenes: String? = row["scenes"]
    let tags: String? = row["tags"]
    return Command(
      commandId: row["command_id"],
      commandName: row["command_name"],
      description: row["description"],
      content: row["content"],
      commandType: row["command_type"],
      workingDirectory: row["working_directory"],
      timeout: row["timeout"],
      createdTime: row["created_time"],
      updatedTime: row["updated_time"],
      enableParameter: row["enable_parameter"],
      defaultParameters: row["default_parameters"],
      scenes: try scenes.map { try decoder.decode([String].self, from: Data($0.utf8)) },
      formattedDescription: row["formatted_description"],
      createdBy: row["created_by"],
      tags: try tags.map { try decoder.decode([Tag].self, from: Data($0.utf8)) },
      username: row["username"],
      outputCOSBucketUrl: row["output_cos_bucket_url"],
      outputCOSKeyPrefix: row["output_cos_key_prefix"])
  }

  /// Adds the conditions of filters that look inside the JSON columns.
  static func requireJSONFilters(_ filters: [Filter]?, into condition: inout RowCondition) {
    for filter in filters ?? [] where filter.name == "scene-id" {
      condition.require(
        clause:
          "EXISTS (SELECT 1 FROM json_each(scenes) WHERE value IN (\(condition.placeholders(filter.values.count))))",
        values: filter.values)
    }
    condition.requireTags(filters, in: "tags")
  }
}
