/// What completion knows of the session: names that exist now.
struct CompletionContext {
  var variables: [String: RecordKind?]
  var definitions: [String]
  var plugins: [String] = []
  var recentIds: [RecordKind: [String]]
  var files: (String) -> [String]
}
