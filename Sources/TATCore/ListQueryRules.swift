/// The rules every `Describe*` action applies to its ids, filters and paging,
/// so that each backend answers a bad request with the same code as the cloud.
struct ListQueryRules: Sendable {
  /// The wire name of the ids parameter, e.g. `InvocationIds`.
  var idsParameter: String
  /// The error code for a malformed id.
  var invalidIDCode: String
  /// The prefixes an id may carry (an instance's id has one of three).
  var idPrefixes: [String]
  /// Accepted filter names, with a check for each value where the API constrains it.
  var filters: [String: FilterValueRule]
  /// Whether `tag:<key>` filter names are accepted (DescribeCommands).
  var acceptsTagFilters = false

  static let maximumIDs = APILimits.ids
  static let maximumFilters = APILimits.filters
  static let maximumFilterValues = APILimits.filterValues
  static let maximumLimit = APILimits.pageSize

  func validate(ids: [String]?, filters: [Filter]?, limit: Int?, offset: Int?) throws {
    if ids != nil, filters != nil {
      throw TATError(
        code: TATError.Code.conflictParameter,
        message: "\(idsParameter) and Filters cannot be specified at the same time.")
    }
    if let ids {
      if ids.count > Self.maximumIDs {
        throw TATError(
          code: TATError.Code.limitExceeded,
          message: "\(idsParameter) holds \(ids.count) ids; at most \(Self.maximumIDs) are allowed.")
      }
      for id in ids where !idPrefixes.contains(where: { ResourceID.isWellFormed(id, prefix: $0) }) {
        throw TATError(
          code: invalidIDCode,
          message:
            "\(idsParameter) contains `\(id)`, which is not of the form \(ResourceID.forms(idPrefixes)).")
      }
    }
    if let filters { try validate(filters) }
    if let limit {
      if limit < 0 {
        throw TATError(
          code: TATError.Code.invalidParameterValue, message: "Limit must not be negative, got \(limit).")
      }
      if limit > Self.maximumLimit {
        throw TATError(
          code: TATError.Code.limitExceeded,
          message: "Limit is \(limit); the maximum is \(Self.maximumLimit).")
      }
    }
    if let offset, offset < 0 {
      throw TATError(
        code: TATError.Code.invalidParameterValue, message: "Offset must not be negative, got \(offset).")
    }
  }

  private func validate(_ filters: [Filter]) throws {
    if filters.count > Self.maximumFilters {
      throw TATError(
        code: TATError.Code.filterValueExceeded,
        message: "\(filters.count) filters given; at most \(Self.maximumFilters) are allowed.")
    }
    for filter in filters {
      let tagRule: FilterValueRule? =
        acceptsTagFilters && filter.name.hasPrefix("tag:") && filter.name.count > 4 ? .any : nil
      guard let rule = self.filters[filter.name] ?? tagRule else {
        let known = self.filters.keys.sorted().joined(separator: ", ")
        throw TATError(
          code: TATError.Code.invalidFilter,
          message: "Unknown filter name `\(filter.name)`; valid names: \(known).")
      }
      if filter.values.count > Self.maximumFilterValues {
        throw TATError(
          code: TATError.Code.filterValueExceeded,
          message:
            "Filter `\(filter.name)` has \(filter.values.count) values; at most \(Self.maximumFilterValues) are allowed."
        )
      }
      if filter.values.isEmpty {
        throw TATError(
          code: TATError.Code.invalidFilter, message: "Filter `\(filter.name)` has no values.")
      }
      for value in filter.values { try rule.check(value, filterName: filter.name) }
    }
  }
}

/// What a filter accepts as a value.
enum FilterValueRule: Sendable {
  /// Any string.
  case any
  /// One of a fixed set of values.
  case oneOf([String])
  /// An id with this prefix; a malformed one fails with `code`.
  case id(prefix: String, code: String)
  /// An instance's id (`ins-`, `lhins-` or `mi-`).
  case instanceId

  func check(_ value: String, filterName: String) throws {
    switch self {
    case .any:
      return
    case .oneOf(let allowed):
      if !allowed.contains(value) {
        throw TATError(
          code: TATError.Code.invalidFilter,
          message:
            "Filter `\(filterName)` does not accept `\(value)`; valid values: \(allowed.joined(separator: ", "))."
        )
      }
    case .id(let prefix, let code):
      if !ResourceID.isWellFormed(value, prefix: prefix) {
        throw TATError(
          code: code,
          message: "Filter `\(filterName)` value `\(value)` is not of the form \(prefix)xxxxxxxx.")
      }
    case .instanceId:
      if !ResourceID.isInstance(value) {
        throw TATError(
          code: TATError.Code.invalidInstanceId,
          message:
            "Filter `\(filterName)` value `\(value)` is not of the form \(ResourceID.forms(ResourceID.instancePrefixes))."
        )
      }
    }
  }
}
