import TATCore

/// The API action a kind's source reads: how to ask for one page of its
/// records and what `explain` says of the request. The parameter and filter
/// names come from the action's own rules in TATCore.
struct Listing: Sendable {
  /// One page: ids (or nil for a listing), filters (or nil), `Limit` and `Offset`.
  typealias Fetch =
    @Sendable (any TATService, [String]?, [Filter]?, PagedSource.Request) async throws -> (
      totalCount: Int, records: [Record]
    )

  /// The action name, such as `DescribeInvocations`.
  let action: String
  /// The parameter that names records by id; nil where the action takes none.
  let idsParameter: String?
  /// The filters the action takes.
  let filterNames: Set<String>
  /// Whether the action pages with `Limit` and `Offset`; if not, one call answers all.
  let pages: Bool
  /// Parameters `explain` names besides ids, filters and paging (`HideOutput=false`).
  let explained: String?
  /// Whether each id names many records (an invoker's records), so that the
  /// records of a batch of ids are paged with `Limit` and `Offset` too.
  var idsNameMany = false
  let fetch: Fetch

  /// A listing action with ids, filters and paging.
  static func paged<Request: ListRequest, Item: Encodable & Sendable>(
    _ type: Request.Type, items: KeyPath<Request.Response, [Item]> & Sendable, explained: String? = nil,
    idsNameMany: Bool = false,
    request: @escaping @Sendable ([String]?, [Filter]?, PagedSource.Request) -> Request
  ) -> Listing where Request.Response: ListResponse {
    Listing(
      action: Request.action, idsParameter: Request.idsParameter, filterNames: Request.filterNames,
      pages: true,
      explained: explained, idsNameMany: idsNameMany
    ) { service, ids, filters, page in
      let response = try await service.send(request(ids, filters, page))
      return (response.totalCount, try response[keyPath: items].map { try Record(encoding: $0) })
    }
  }

  /// An action that answers every record at once, with no ids, filters or paging.
  static func whole<Request: TATRequest, Item: Encodable & Sendable>(
    _ request: @autoclosure @escaping @Sendable () -> Request,
    items: KeyPath<Request.Response, [Item]> & Sendable
  ) -> Listing {
    Listing(action: Request.action, idsParameter: nil, filterNames: [], pages: false, explained: nil) {
      service, _, _, _ in
      let records = try await service.send(request())[keyPath: items].map { try Record(encoding: $0) }
      return (records.count, records)
    }
  }
}
