/// The columns a table shows for each kind of record, unless `select` chose them.
struct TableColumn: Sendable {
  var header: String
  var path: [String]

  init(_ header: String, _ path: String) {
    self.header = header
    self.path = path.split(separator: ".").map(String.init)
  }

  static func defaults(for kind: RecordKind) -> [TableColumn] {
    switch kind {
    case .invocation:
      [
        TableColumn("InvocationId", "InvocationId"), TableColumn("CommandName", "CommandName"),
        TableColumn("Status", "InvocationStatus"), TableColumn("Kind", "InstanceKind"),
        TableColumn("Tasks", "InvocationTaskBasicInfoSet"), TableColumn("Created", "CreatedTime"),
      ]
    case .task:
      [
        TableColumn("TaskId", "InvocationTaskId"), TableColumn("InvocationId", "InvocationId"),
        TableColumn("InstanceId", "InstanceId"), TableColumn("Status", "TaskStatus"),
        TableColumn("Exit", "TaskResult.ExitCode"), TableColumn("ErrorInfo", "ErrorInfo"),
        TableColumn("Output", "TaskResult.Output"),
      ]
    case .command:
      [
        TableColumn("CommandId", "CommandId"), TableColumn("CommandName", "CommandName"),
        TableColumn("Type", "CommandType"), TableColumn("CreatedBy", "CreatedBy"),
        TableColumn("Timeout", "Timeout"), TableColumn("Description", "Description"),
      ]
    }
  }

  /// Every top-level field of the records, in the order first seen.
  static func union(of records: [Record]) -> [TableColumn] {
    var seen: [String] = []
    for record in records {
      for field in record.fields where !seen.contains(field.name) { seen.append(field.name) }
    }
    return seen.map { TableColumn($0, $0) }
  }
}
