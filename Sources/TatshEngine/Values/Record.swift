/// An ordered set of named values: one invocation, one task, one result row.
/// Names keep their case; look-ups ignore it.
public struct Record: Sendable, Hashable {
  /// One named value.
  public struct Field: Sendable, Hashable {
    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
      self.name = name
      self.value = value
    }
  }

  public var fields: [Field] {
    didSet { originalJSON = nil }
  }

  /// The JSON text the record was read from, while it is unchanged: handed
  /// on as it is to a plugin instead of being written again.
  var originalJSON: [UInt8]?

  public init(_ fields: [Field] = []) {
    self.fields = fields
  }

  public static func == (left: Record, right: Record) -> Bool { left.fields == right.fields }

  public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

  /// The value of the top-level field `name` (any case), or nil.
  public subscript(name: String) -> Value? {
    get { index(of: name).map { fields[$0].value } }
    set {
      if let index = index(of: name) {
        if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
      } else if let newValue {
        fields.append(Field(name, newValue))
      }
    }
  }

  /// The value at a dotted path such as `["TaskResult", "ExitCode"]`, or nil.
  /// A dotted name kept flat by `select` (`"TaskResult.ExitCode"`) is found too.
  public func value(at path: [String]) -> Value? {
    value(at: path[...], resolvingAliases: true)
  }

  /// The value at a path of the record's own field names: no alias is
  /// resolved, so an alias may stand for a field of the same name.
  func fieldValue(at path: [String]) -> Value? {
    value(at: path[...], resolvingAliases: false)
  }

  private func value(at path: ArraySlice<String>, resolvingAliases: Bool) -> Value? {
    guard let first = path.first else { return nil }
    guard let head = self[first] else {
      if path.count > 1 { return self[path.joined(separator: ".")] }
      return computedValue(named: first) ?? (resolvingAliases ? aliasedValue(named: first) : nil)
    }
    if path.count == 1 { return head }
    guard case .object(let nested) = head else { return nil }
    return nested.value(at: path.dropFirst(), resolvingAliases: resolvingAliases)
  }

  /// Replaces the value at a dotted path, if the path exists.
  public mutating func update(at path: [String], _ transform: (Value) -> Value) {
    update(at: path[...], transform)
  }

  /// Changes the value in place: a nested record is taken out while it
  /// changes, so that its fields are not copied.
  private mutating func update(at path: ArraySlice<String>, _ transform: (Value) -> Value) {
    guard let first = path.first else { return }
    guard let index = index(of: first) else {
      if path.count > 1, let flat = index(of: path.joined(separator: ".")) {
        fields[flat].value = transform(fields[flat].value)
      }
      return
    }
    if path.count == 1 {
      fields[index].value = transform(fields[index].value)
    } else if case .object(var nested) = fields[index].value {
      fields[index].value = .null
      nested.update(at: path.dropFirst(), transform)
      fields[index].value = .object(nested)
    }
  }

  /// Where the field `name` is: the one spelled exactly so, else the first of any case.
  private func index(of name: String) -> Int? {
    fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.caseInsensitiveEquals(name) }
  }
}

extension String {
  /// Equality ignoring ASCII case (field names are ASCII), without allocating.
  func caseInsensitiveEquals(_ other: String) -> Bool {
    utf8.count == other.utf8.count
      && zip(utf8, other.utf8).allSatisfy { a, b in
        a == b || (a | 0x20 == b | 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a | 0x20))
      }
  }
}
