/// Tencent Cloud's regions, as the API names them in `X-TC-Region`. The
/// client warns of a region not listed here (a new one may have opened);
/// `tatsh serve` answers one with `UnsupportedRegion`, as the cloud does.
public enum Regions {
  /// Each region and its name in English, as `DescribeRegions` answers them.
  public static let named: [(region: String, name: String)] = [
    ("ap-bangkok", "Southeast Asia (Bangkok)"),
    ("ap-beijing", "North China (Beijing)"),
    ("ap-beijing-fsi", "North China (Beijing Finance)"),
    ("ap-chengdu", "Southwest China (Chengdu)"),
    ("ap-chongqing", "Southwest China (Chongqing)"),
    ("ap-guangzhou", "South China (Guangzhou)"),
    ("ap-hongkong", "Hong Kong, Macao and Taiwan (Hong Kong, China)"),
    ("ap-jakarta", "Southeast Asia (Jakarta)"),
    ("ap-mumbai", "South Asia (Mumbai)"),
    ("ap-nanjing", "East China (Nanjing)"),
    ("ap-seoul", "Northeast Asia (Seoul)"),
    ("ap-shanghai", "East China (Shanghai)"),
    ("ap-shanghai-fsi", "East China (Shanghai Finance)"),
    ("ap-shenzhen-fsi", "South China (Shenzhen Finance)"),
    ("ap-singapore", "Southeast Asia (Singapore)"),
    ("ap-tokyo", "Northeast Asia (Tokyo)"),
    ("eu-frankfurt", "Europe (Frankfurt)"),
    ("na-ashburn", "US East (Virginia)"),
    ("na-siliconvalley", "US West (Silicon Valley)"),
    ("na-toronto", "North America (Toronto)"),
    ("sa-saopaulo", "South America (São Paulo)"),
  ]

  /// The regions' API names.
  public static let known: [String] = named.map(\.region)

  /// Whether `text` has a region's shape: lower-case words joined by hyphens
  /// (`ap-guangzhou`, `ap-shanghai-fsi`).
  public static func isWellFormed(_ text: String) -> Bool {
    let words = text.split(separator: "-", omittingEmptySubsequences: false)
    return words.count >= 2
      && words.allSatisfy { word in
        !word.isEmpty && word.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
      }
  }
}
