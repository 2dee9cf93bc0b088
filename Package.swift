// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "tatsh",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "tatsh", targets: ["tatsh"]),
    .executable(name: "tatsh-runner", targets: ["tatsh-runner"]),
    .executable(name: "tatsh-summary", targets: ["tatsh-summary"]),
    .library(name: "TatshPluginKit", targets: ["TatshPluginKit"]),
    // For the fuzz package (fuzz/Package.swift), which builds its harnesses against these.
    .library(name: "TATCore", targets: ["TATCore"]),
    .library(name: "TATGateway", targets: ["TATGateway"]),
    .library(name: "TATSigning", targets: ["TATSigning"]),
    .library(name: "TatshLanguage", targets: ["TatshLanguage"]),
    .library(name: "TatshEngine", targets: ["TatshEngine"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
  ],
  targets: [
    .target(name: "TATCore"),
    // The version and commit, stamped into the module before each build.
    .plugin(name: "ReleaseStamp", capability: .buildTool()),
    .target(name: "TatshRelease", plugins: ["ReleaseStamp"]),
    .target(
      name: "TATEmbedded",
      dependencies: ["TATCore", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(
      name: "TATSigning", dependencies: ["TATCore", .product(name: "Crypto", package: "swift-crypto")]),
    .target(
      name: "TATCloud",
      dependencies: [
        "TATCore", "TATSigning", "TatshRelease", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // The API 3.0 protocol without HTTP, so that it builds (and fuzzes) without NIO.
    .target(name: "TATGateway", dependencies: ["TATCore", "TATSigning"]),
    .target(name: "CConcurrencyHook"),
    .target(
      name: "TATServer",
      dependencies: [
        "TATCore", "TATGateway", "CConcurrencyHook", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "TatshLanguage"),
    .target(name: "TatshEngine", dependencies: ["TATCore", "TatshLanguage"]),
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .target(name: "TatshREPL", dependencies: ["TATCore", "TatshEngine", "TatshLanguage", "CEditLine"]),
    .executableTarget(
      name: "tatsh",
      dependencies: [
        "TATCore", "TATCloud", "TATEmbedded", "TATGateway", "TATServer", "TatshLanguage", "TatshEngine",
        "TatshREPL", "TatshRelease",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "TatshPluginKit"),
    // The local runner on its own: a small program starts faster than tatsh itself.
    .executableTarget(name: "tatsh-runner", dependencies: ["TATEmbedded"]),
    .executableTarget(name: "tatsh-summary", dependencies: ["TatshPluginKit"], path: "plugins/swift-summary"),
    .executableTarget(
      name: "TatshBench", dependencies: ["TatshEngine", "TATCore"], path: "Benchmarks/TatshBench"),
    .target(name: "TatshTestSupport", dependencies: ["TATEmbedded"], path: "Tests/TatshTestSupport"),
    .testTarget(name: "TATCoreTests", dependencies: ["TATCore", "TatshTestSupport"]),
    .testTarget(
      name: "TATCloudTests", dependencies: ["TATCloud", "TATSigning"],
      exclude: ["Fixtures/make-tc3-vector.py"],
      resources: [.copy("Fixtures/tc3-vector.json")]),
    .testTarget(
      name: "TATGatewayTests",
      dependencies: ["TATGateway", "TATSigning", "TATCloud", "TATEmbedded", "TatshTestSupport"]),
    .testTarget(name: "TATEmbeddedTests", dependencies: ["TATEmbedded", "TatshTestSupport"]),
    .testTarget(name: "TatshLanguageTests", dependencies: ["TatshLanguage"]),
    .testTarget(name: "TatshEngineTests", dependencies: ["TatshEngine", "TATEmbedded", "TatshTestSupport"]),
    .testTarget(name: "TatshREPLTests", dependencies: ["TatshREPL", "tatsh", "TatshTestSupport"]),
    .testTarget(name: "TatshTests", dependencies: ["tatsh", "TatshTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
