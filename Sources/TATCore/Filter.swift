/// One API filter: values of one filter are OR-ed, different filters AND-ed.
public struct Filter: Codable, Sendable, Hashable {
  public var name: String
  public var values: [String]

  public init(name: String, values: [String]) {
    self.name = name
    self.values = values
  }

  enum CodingKeys: String, CodingKey {
    case name = "Name"
    case values = "Values"
  }
}
