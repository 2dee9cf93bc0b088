/// A parsed program: the pipelines of a script or of one line, in order.
public struct Program: Sendable, Hashable {
  public var pipelines: [Pipeline]

  public init(pipelines: [Pipeline]) {
    self.pipelines = pipelines
  }
}

/// Stages joined by `|`; records flow from the first to the last.
public struct Pipeline: Sendable, Hashable {
  public var stages: [Stage]
  public var range: SourceRange

  public init(stages: [Stage], range: SourceRange) {
    self.stages = stages
    self.range = range
  }
}

/// One stage: a name, its arguments and an optional `where` condition,
/// as in `invocations inv-q4zp60g0 where status=FAILED`.
public struct Stage: Sendable, Hashable {
  public var name: Name
  public var arguments: [Literal]
  public var condition: Expression?
  public var range: SourceRange

  public init(name: Name, arguments: [Literal], condition: Expression?, range: SourceRange) {
    self.name = name
    self.arguments = arguments
    self.condition = condition
    self.range = range
  }
}

/// A name as written, with its place.
public struct Name: Sendable, Hashable {
  public var text: String
  public var range: SourceRange

  public init(text: String, range: SourceRange) {
    self.text = text
    self.range = range
  }
}

/// A value written in a program.
public struct Literal: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// An unquoted word (which may look like a number).
    case bare
    /// A quoted string.
    case quoted
  }

  public var text: String
  public var kind: Kind
  public var range: SourceRange

  public init(text: String, kind: Kind, range: SourceRange) {
    self.text = text
    self.kind = kind
    self.range = range
  }
}

/// A `where` condition.
public indirect enum Expression: Sendable, Hashable {
  case comparison(Comparison)
  case membership(field: Name, values: [Literal], isNegated: Bool, range: SourceRange)
  case not(Expression, range: SourceRange)
  case and(Expression, Expression)
  case or(Expression, Expression)

  /// The text the expression was parsed from.
  public var range: SourceRange {
    switch self {
    case .comparison(let comparison): comparison.range
    case .membership(_, _, _, let range), .not(_, let range): range
    case .and(let left, let right), .or(let left, let right): left.range.union(right.range)
    }
  }
}

/// `field op value`.
public struct Comparison: Sendable, Hashable {
  public var field: Name
  public var comparator: ComparisonOperator
  public var value: Literal
  public var range: SourceRange { field.range.union(value.range) }

  public init(field: Name, comparator: ComparisonOperator, value: Literal) {
    self.field = field
    self.comparator = comparator
    self.value = value
  }
}
