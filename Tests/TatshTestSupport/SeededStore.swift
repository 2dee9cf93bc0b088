import Foundation
import TATEmbedded

/// An embedded store in a temporary folder of its own, seeded with a demo
/// dataset (or left empty): the one fixture the tests below the binary share.
public struct SeededStore: Sendable {
  /// The end of the demo window most tests use: 2026-10-25T04:53:20Z.
  public static let endTime = 1_793_000_000

  public let folder: URL
  public let store: EmbeddedTAT
  /// The store's file.
  public var path: String { store.path }

  /// - Parameters:
  ///   - invocations: how many demo invocations to seed (besides the API page's worked example).
  ///   - isEmpty: leaves the store without any record instead.
  ///   - folder: the folder to put it in; a new temporary one by default.
  public init(
    invocations: Int = 60, seed: UInt64 = 7, endTime: Int = SeededStore.endTime, in folder: URL? = nil,
    name: String = "tat.sqlite", isEmpty: Bool = false
  ) throws {
    self.folder =
      folder
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "tatsh-store-\(UUID().uuidString)", isDirectory: true)
    store = try EmbeddedTAT(path: self.folder.appendingPathComponent(name).path)
    if !isEmpty {
      try store.seed(
        with: DemoDataset(invocationCount: invocations, seed: seed, endTime: endTime), replacing: false)
    }
  }

  /// Removes the folder and the store in it.
  public func remove() {
    try? FileManager.default.removeItem(at: folder)
  }
}
