import GRDB
import TATCore

/// `EnableInvoker` and `DisableInvoker` on the store: the invoker's `Enable`
/// and `UpdatedTime` change; one already so is left as it is, as the cloud does.
extension EnableInvokerRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> InvokerSwitchResponse {
    try await tat.switchInvoker(self)
  }
}

extension DisableInvokerRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> InvokerSwitchResponse {
    try await tat.switchInvoker(self)
  }
}

extension EmbeddedTAT {
  func switchInvoker<Request: InvokerSwitchRequest>(_ request: Request) async throws -> InvokerSwitchResponse
  {
    let invokerId = request.invokerId ?? ""
    return try await mutate(request) { db, requestId in
      let table = DocumentTables.invokers
      guard var invoker = try table.item(withId: invokerId, in: db) else {
        throw TATError(
          code: TATError.Code.resourceNotFound, message: "The invoker `\(invokerId)` does not exist.")
      }
      if invoker.enable != Request.enables {
        invoker.enable = Request.enables
        invoker.updatedTime = EmbeddedTAT.now()
        try table.insert(invoker, in: db)
      }
      return InvokerSwitchResponse(requestId: requestId)
    }
  }
}
