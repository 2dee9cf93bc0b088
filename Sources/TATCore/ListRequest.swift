/// A listing action that takes ids or `Filters`, with `Limit` and `Offset`:
/// the names its rules give them, for clients that build its requests.
public protocol ListRequest: TATRequest {
  /// The parameter that names records by id, such as `InvocationIds`.
  static var idsParameter: String { get }
  /// The filter names the action accepts (besides `tag:<key>`).
  static var filterNames: Set<String> { get }
}

extension DescribeInvocationsRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeInvocationTasksRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeCommandsRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeAutomationAgentStatusRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeRegisterInstancesRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeInvokersRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

extension DescribeInvokerRecordsRequest: ListRequest {
  public static var idsParameter: String { rules.idsParameter }
}

/// The answer of a listing action: one page, and how many match in all.
public protocol ListResponse: TATResponse {
  var totalCount: Int { get }
}

extension DescribeInvocationsResponse: ListResponse {}
extension DescribeInvocationTasksResponse: ListResponse {}
extension DescribeCommandsResponse: ListResponse {}
extension DescribeAutomationAgentStatusResponse: ListResponse {}
extension DescribeRegisterInstancesResponse: ListResponse {}
extension DescribeInvokersResponse: ListResponse {}
extension DescribeInvokerRecordsResponse: ListResponse {}
