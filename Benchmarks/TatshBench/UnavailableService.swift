import TATCore

/// The benchmark runs on records in memory: any API call is a mistake.
struct UnavailableService: TATService {
  var name: String { "none" }
  func send<Request: TATRequest>(_ request: Request) async throws -> Request.Response {
    fatalError("the benchmark asked the API")
  }
}
