/// The sizes the API allows in one request, as documented: clients plan
/// around them and backends enforce them.
public enum APILimits {
  /// Ids in one `InvocationIds` / `InvocationTaskIds` / `CommandIds`.
  public static let ids = 100
  /// Filters in one request.
  public static let filters = 10
  /// Values in one filter.
  public static let filterValues = 5
  /// The largest `Limit`.
  public static let pageSize = 100
}
