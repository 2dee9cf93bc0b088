import TatshLanguage

/// Stages that change the fields of each record: `decode`, `select`,
/// `reject`, `rename`, `get` and `flatten`.
extension StageRegistry {
  static let fields: [StageDefinition] = [
    StageDefinition(
      name: "decode", role: .transform, usage: "decode",
      summary: "base64-decode command contents and task output into text",
      examples: ["tasks where exit=127 | decode | select output"],
      followsPipe: { stage, draft throws(Diagnostic) in
        try stage.expectNoArguments()
        let shape = draft.shape
        let paths =
          shape.kind.map(\.encodedFields) ?? [
            ["CommandContent"], ["TaskResult", "Output"], ["CommandDocument", "Content"], ["Content"],
          ]
        // Each where it is now: under the new name a `rename` gave it.
        let placed = paths.map { path in shape.newName(of: path.joined(separator: ".")).map { [$0] } ?? path }
        let present = placed.filter { path in shape.fields?.contains(path.joined(separator: ".")) ?? true }
        let decoded = present.isEmpty ? placed : present
        draft.append(DecodeStep(paths: decoded), for: stage, at: stage.name.range)
        draft.shape.decoded.formUnion(decoded.map { shape.originalPath(of: $0.joined(separator: ".")) })
      }),
    StageDefinition(
      name: "select", role: .transform, usage: "select FIELD…", summary: "keep only the named fields",
      examples: ["invocations | select id, status, duration"], completion: .fields,
      followsPipe: { stage, draft throws(Diagnostic) in
        guard !stage.arguments.isEmpty else {
          throw Diagnostic("'select' needs at least one field name", at: stage.name.range)
        }
        var paths: [String] = []
        for argument in stage.arguments {
          // `select id, InvocationId`: one field, once (JSON must not repeat a key).
          let path = try draft.shape.resolve(Name(text: argument.text, range: argument.range))
          if !paths.contains(path) { paths.append(path) }
        }
        draft.append(SelectStep(paths: paths), for: stage)
        draft.shape.fields = paths
      }),
    StageDefinition(
      name: "reject", role: .transform, usage: "reject FIELD…", summary: "drop the named fields",
      examples: ["invocations | reject tasks, content"], completion: .fields,
      followsPipe: { stage, draft throws(Diagnostic) in
        guard !stage.arguments.isEmpty else {
          throw Diagnostic("'reject' needs at least one field name", at: stage.name.range)
        }
        var names: [String] = []
        for argument in stage.arguments {
          names.append(try draft.shape.resolve(Name(text: argument.text, range: argument.range)))
        }
        draft.append(RejectStep(names: names), for: stage)
        let shape = draft.shape
        draft.shape.fields = (shape.fields ?? shape.kind?.topLevelFields ?? []).filter { !names.contains($0) }
        if shape.kind == nil, draft.shape.fields?.isEmpty == true { draft.shape.fields = nil }
      }),
    StageDefinition(
      name: "rename", role: .transform, usage: "rename FIELD to NAME[, FIELD to NAME…]",
      summary: "give top-level fields new names, in place",
      examples: ["invocations | select id, status | rename status to state"],
      completion: .custom { words, fields in
        // `rename F to N, G to M`: a field, then `to`, then a name of one's own.
        switch (words.count - 1) % 3 {
        case 0: fields
        case 1: ["to"]
        default: []
        }
      },
      followsPipe: { stage, draft throws(Diagnostic) in
        let (pairs, shape) = try renamings(of: stage, shape: draft.shape)
        draft.append(RenameStep(pairs: pairs), for: stage)
        draft.shape = shape
      }),
    StageDefinition(
      name: "get", role: .transform, usage: "get FIELD",
      summary: "the values of FIELD, as records {value: …}",
      examples: ["tasks where exit=127 | decode | get output | text"], completion: .fields,
      followsPipe: { stage, draft throws(Diagnostic) in
        draft.append(GetStep(path: try stage.singleField(in: draft.shape)), for: stage)
        draft.shape = RecordShape(kind: nil, fields: ["value"])
      }),
    StageDefinition(
      name: "flatten", role: .transform, usage: "flatten FIELD",
      summary: "one record per item of the list FIELD, the item's fields in its place",
      examples: ["invocations | flatten tasks | select id, InstanceId, TaskStatus"], completion: .fields,
      followsPipe: { stage, draft throws(Diagnostic) in
        let field = try stage.singleField(in: draft.shape)
        guard !field.contains(".") else {
          throw Diagnostic("'flatten' takes a top-level list field", at: stage.arguments[0].range)
        }
        draft.append(FlattenStep(field: field), for: stage)
        if draft.shape.kind == .invocation, field == "InvocationTaskBasicInfoSet" {
          draft.shape = RecordShape(
            kind: .invocation,
            fields: RecordKind.invocation.topLevelFields.filter { $0 != field } + [
              "InvocationTaskId", "TaskStatus", "InstanceId",
            ])
        } else {
          draft.shape = RecordShape(kind: nil, fields: nil)
        }
      }),
  ]
}

extension StageRegistry {
  /// `rename F to N, G to M`, in order: each field as the shape resolves it
  /// (after the renames before it), its new name, and the shape after them all.
  fileprivate static func renamings(of stage: Stage, shape: RecordShape) throws(Diagnostic) -> (
    [(String, String)], RecordShape
  ) {
    let usage = "'rename' is written 'rename FIELD to NAME', e.g. rename status to state"
    var arguments = stage.arguments[...]
    guard !arguments.isEmpty else { throw Diagnostic(usage, at: stage.range) }
    var pairs: [(String, String)] = []
    var shape = shape
    while let field = arguments.popFirst() {
      guard let to = arguments.popFirst() else { throw Diagnostic(usage, at: field.range) }
      guard to.text.lowercased() == "to", to.kind == .bare else {
        throw Diagnostic(usage, at: to.range, suggestion: "to")
      }
      guard let name = arguments.popFirst() else {
        throw Diagnostic("'to' needs the new name, e.g. rename status to state", at: to.range)
      }
      let path = try shape.resolve(Name(text: field.text, range: field.range))
      guard shape.fields?.contains(path) == true || shape.renamed[path] != nil || !path.contains(".") else {
        throw Diagnostic(
          "'rename' renames top-level fields, and \(path) is inside another: select it first, e.g. select \(field.text)",
          at: field.range)
      }
      if shape.kind?.hasComputedFields == true, ComputedField(rawValue: path) != nil, shape.fields == nil {
        throw Diagnostic(
          "'\(path)' is computed, not a field of the records: select it first, e.g. select id, \(path)",
          at: field.range)
      }
      guard let first = name.text.first, first.isLetter || first == "_",
        name.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
      else {
        throw Diagnostic("'\(name.text)' cannot be a field name: write a word, such as state", at: name.range)
      }
      // A name that already means something here (a field, an alias, `duration`) would hide it.
      if let meaning = shape.resolvedQuietly(name.text), meaning != path {
        throw Diagnostic(
          meaning.caseInsensitiveEquals(name.text)
            ? "the records already have a field '\(name.text)'"
            : "'\(name.text)' already names \(meaning) here: choose another name",
          at: name.range)
      }
      shape.fields = shape.fields?.map { $0 == path ? name.text : $0 }
      shape.renamed[name.text] = shape.renamed.removeValue(forKey: path) ?? path
      pairs.append((path, name.text))
    }
    return (pairs, shape)
  }
}

/// `rename`: top-level fields under new names, each in its place.
struct RenameStep: PlanStep {
  var pairs: [(String, String)]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let pairs = pairs
    return MapStream(input) { record in
      Record(
        record.fields.map { field in
          // In order, so that `rename a to b, b to c` ends with c.
          Record.Field(pairs.reduce(field.name) { name, pair in name == pair.0 ? pair.1 : name }, field.value)
        })
    }
  }
  var explanation: String { "rename: " + pairs.map { "\($0.0) to \($0.1)" }.joined(separator: ", ") }
  var passesEveryRecord: Bool { true }
}

struct DecodeStep: PlanStep {
  var paths: [[String]]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let paths = paths
    return MapStream(input, changing: { RecordTransforms.decode(&$0, paths: paths) })
  }
  var explanation: String { "decode: \(paths.map { $0.joined(separator: ".") }.joined(separator: ", "))" }
  var passesEveryRecord: Bool { true }
}

struct SelectStep: PlanStep {
  var paths: [String]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let paths = paths
    return MapStream(input) { RecordTransforms.select($0, paths: paths) }
  }
  var explanation: String { "select: \(paths.joined(separator: ", "))" }
  var passesEveryRecord: Bool { true }
}

struct RejectStep: PlanStep {
  var names: [String]
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let names = names
    return MapStream(input) { RecordTransforms.reject($0, names: names) }
  }
  var explanation: String { "reject: \(names.joined(separator: ", "))" }
}

struct GetStep: PlanStep {
  var path: String
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    let path = path
    return MapStream(input) { RecordTransforms.get($0, path: path) }
  }
  var explanation: String { "get: \(path)" }
}

struct FlattenStep: PlanStep {
  var field: String
  func stream(_ input: any RecordStream, in context: StepContext) -> any RecordStream {
    FlattenStream(input, field: field)
  }
  var explanation: String { "flatten: \(field)" }
}
