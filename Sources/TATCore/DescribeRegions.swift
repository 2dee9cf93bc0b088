/// Lists the regions where TAT is offered.
public struct DescribeRegionsRequest: TATRequest, Hashable {
  public typealias Response = DescribeRegionsResponse
  public static let action = "DescribeRegions"
  public static let onlyReads = true

  public init() {}

  public func validate() throws {}

  /// The action takes no parameters.
  public enum CodingKeys: CodingKey, CaseIterable {}
}

/// The regions and how many there are.
public struct DescribeRegionsResponse: TATResponse, Hashable {
  public var totalCount: Int
  public var regionSet: [RegionInfo]
  public var requestId: String

  public init(totalCount: Int, regionSet: [RegionInfo], requestId: String) {
    self.totalCount = totalCount
    self.regionSet = regionSet
    self.requestId = requestId
  }

  public var summary: String { "\(regionSet.count) of \(totalCount)" }

  enum CodingKeys: String, CodingKey {
    case totalCount = "TotalCount"
    case regionSet = "RegionSet"
    case requestId = "RequestId"
  }
}

/// One region: its API name (`ap-guangzhou`), its display name, and whether it is available.
public struct RegionInfo: Codable, Sendable, Hashable {
  public var region: String
  public var regionName: String
  /// `AVAILABLE` or `UNAVAILABLE`.
  public var regionState: String

  public static let available = "AVAILABLE"
  public static let unavailable = "UNAVAILABLE"

  public init(region: String, regionName: String, regionState: String) {
    self.region = region
    self.regionName = regionName
    self.regionState = regionState
  }

  enum CodingKeys: String, CodingKey {
    case region = "Region"
    case regionName = "RegionName"
    case regionState = "RegionState"
  }
}

extension RegionInfo: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.region, region)
      w.field(CodingKeys.regionName, regionName)
      w.field(CodingKeys.regionState, regionState)
    }
  }
}

extension DescribeRegionsResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.regionSet, regionSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
