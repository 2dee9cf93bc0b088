/// Tencent Cloud's regions, as the API names them in `X-TC-Region`. The
/// client warns of a region not listed here (a new one may have opened);
/// `tatsh serve` answers one with `UnsupportedRegion`, as the cloud does.
public enum Regions {
  public static let known: [String] = [
    "ap-bangkok", "ap-beijing", "ap-beijing-fsi", "ap-chengdu", "ap-chongqing", "ap-guangzhou", "ap-hongkong",
    "ap-jakarta", "ap-mumbai", "ap-nanjing", "ap-seoul", "ap-shanghai", "ap-shanghai-fsi", "ap-shenzhen-fsi",
    "ap-singapore", "ap-tokyo", "eu-frankfurt", "na-ashburn", "na-siliconvalley", "na-toronto", "sa-saopaulo",
  ]

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
