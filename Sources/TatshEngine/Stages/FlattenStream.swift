/// `flatten F`: one record per element of the list F. An element that is an
/// object lends its fields to the record in place of F; any other element
/// takes F's place as it is. A record whose F is empty or missing is dropped.
final class FlattenStream: RecordStream {
  private let upstream: any RecordStream
  private let field: String

  init(_ upstream: any RecordStream, field: String) {
    self.upstream = upstream
    self.field = field
  }

  func nextPage() async throws -> [Record]? {
    while let page = try await upstream.nextPage() {
      var flattened: [Record] = []
      for record in page {
        guard case .array(let items) = record[field] else {
          if let value = record[field], value != .null { flattened.append(record) }
          continue
        }
        for item in items {
          var copy = record
          if case .object(let nested) = item {
            let position =
              copy.fields.firstIndex { $0.name.caseInsensitiveEquals(field) } ?? copy.fields.count
            copy.fields.remove(at: position)
            let added = nested.fields.filter { added in !copy.fields.contains { $0.name == added.name } }
            copy.fields.insert(contentsOf: added, at: position)
          } else {
            copy[field] = item
          }
          flattened.append(copy)
        }
      }
      if !flattened.isEmpty { return flattened }
    }
    return nil
  }
}
