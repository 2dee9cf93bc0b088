// swift-tools-version:6.0
// libFuzzer harnesses for tatsh. Build and run with `fuzz/run` (see that script);
// the harnesses need `-sanitize=fuzzer` (and `-parse-as-library`), which `fuzz/run` passes.
import Foundation
import PackageDescription

// SwiftPM names a local package after its folder, which is whatever the
// repository was cloned as; products are looked up by that name.
let tatsh = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent
  .lowercased()

let settings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "tatsh-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(path: "..")],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "TATCore", package: tatsh)]),
    .executableTarget(
      name: "FuzzParser",
      dependencies: [.product(name: "TatshLanguage", package: tatsh)],
      swiftSettings: settings),
    .executableTarget(
      name: "FuzzEvaluator",
      dependencies: [
        .product(name: "TatshLanguage", package: tatsh),
        .product(name: "TatshEngine", package: tatsh),
        .product(name: "TATCore", package: tatsh),
        "FuzzSupport",
      ],
      swiftSettings: settings),
    .executableTarget(
      name: "FuzzJSON",
      dependencies: [.product(name: "TatshEngine", package: tatsh)],
      swiftSettings: settings),
    .executableTarget(
      name: "FuzzGateway",
      dependencies: [
        .product(name: "TATGateway", package: tatsh),
        .product(name: "TATSigning", package: tatsh),
        .product(name: "TATCore", package: tatsh),
        "FuzzSupport",
      ],
      swiftSettings: settings),
  ]
)
