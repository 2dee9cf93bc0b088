/// A parsed program: the statements of a script or of one line, in order.
public struct Program: Sendable, Hashable {
  public var statements: [Statement]

  public init(statements: [Statement]) {
    self.statements = statements
  }

  /// The pipelines of the program's statements, in order.
  public var pipelines: [Pipeline] { statements.compactMap(\.pipeline) }
}

/// One statement: a pipeline to run, or one of the shell's own commands.
public enum Statement: Sendable, Hashable {
  /// Run a pipeline and print its records.
  case run(Pipeline)
  /// `explain PIPELINE`: print the plan instead of running it.
  case explain(Pipeline, range: SourceRange)
  /// `let NAME = PIPELINE`: run it and keep the records as `$NAME`.
  case assign(Name, Pipeline, range: SourceRange)
  /// `set NAME VALUE`: change a setting.
  case set(Name, Literal, range: SourceRange)
  /// `set` alone: list every setting and its value.
  case showSettings(range: SourceRange)
  /// `echo WORD…`: print the words.
  case echo([Literal], range: SourceRange)
  /// `exit [N]`: stop with status N (default 0).
  case exit(Literal?, range: SourceRange)
  /// `def NAME [PARAM…] = PIPELINE`: a named pipeline, used as a source or a stage.
  case define(Name, parameters: [Name], Pipeline, range: SourceRange)
  /// `source FILE`: run another script's statements here.
  case source(Literal, range: SourceRange)
  /// `help [NAME [SUBJECT]]`: what the shell offers, one stage's usage, or
  /// a topic about a subject (`help fields tasks`).
  case help([Name], range: SourceRange)
  /// `watch INTERVAL PIPELINE`: run the pipeline again every interval, until interrupted.
  case watch(Literal, Pipeline, range: SourceRange)

  /// The statement's pipeline, if it has one.
  public var pipeline: Pipeline? {
    switch self {
    case .run(let pipeline), .explain(let pipeline, _), .assign(_, let pipeline, _),
      .watch(_, let pipeline, _):
      pipeline
    case .set, .showSettings, .echo, .exit, .define, .source, .help: nil
    }
  }

  /// The text the statement was parsed from.
  public var range: SourceRange {
    switch self {
    case .run(let pipeline): pipeline.range
    case .explain(_, let range), .assign(_, _, let range), .set(_, _, let range), .showSettings(let range),
      .echo(_, let range),
      .exit(_, let range), .define(_, _, _, let range), .source(_, let range), .help(_, let range),
      .watch(_, _, let range):
      range
    }
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
