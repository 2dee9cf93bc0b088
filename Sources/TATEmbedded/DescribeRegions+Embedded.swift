import TATCore

/// `DescribeRegions` on the embedded store: the regions tatsh knows, all available.
extension DescribeRegionsRequest: EmbeddedAnswerable {
  func answer(from tat: EmbeddedTAT) async throws -> DescribeRegionsResponse {
    try validate()
    let regions = Regions.named.map {
      RegionInfo(region: $0.region, regionName: $0.name, regionState: RegionInfo.available)
    }
    return DescribeRegionsResponse(
      totalCount: regions.count, regionSet: regions, requestId: RequestID.random())
  }
}
