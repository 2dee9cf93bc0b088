import Foundation
import TATEmbedded

/// The embedded store's part of `tatsh doctor`: its path and size, SQLite's
/// integrity check, its schema's version and its records, all read without
/// making, migrating or seeding it.
extension Doctor {
  func storeFindings(environment: [String: String]) -> [DoctorFinding] {
    let path = storeOptions.path
    let source =
      storeOptions.store != nil
      ? "--store" : (environment["TATSH_STORE"] ?? "").isEmpty ? "default" : "TATSH_STORE"
    let later = ["integrity", "schema", "records"]
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      if let obstacle = StoreOptions.obstacle(toMaking: path) {
        return [
          .failed(
            "store", "\(path) (\(source)) cannot be made: \(obstacle)",
            fix: "give a store file in a folder you can write to (--store PATH or TATSH_STORE)")
        ] + later.map { .notChecked($0, because: "there is no store") }
      }
      return [.passed("store", "\(path) (\(source)): not created yet; tatsh makes it on first use")]
        + later.map { .notChecked($0, because: "there is no store yet") }
    }
    guard !isFolder.boolValue else {
      return [
        .failed(
          "store", "\(path) (\(source)) is a folder, not a store file",
          fix:
            "give the store file's path, such as \((path as NSString).appendingPathComponent("tat.sqlite"))")
      ] + later.map { .notChecked($0, because: "the store is a folder") }
    }
    if let access = Self.accessProblem(path) {
      return [.failed("store", "\(path) (\(source)) \(access.problem)", fix: access.fix)]
        + later.map { .notChecked($0, because: "the store cannot be used as it is") }
    }
    let moveAside =
      "move it aside (mv \(path) \(path).broken); tatsh makes a new one, with demo data, on first use"
    let checkup: StoreCheckup
    do {
      checkup = try StoreCheckup.examine(path: path)
    } catch {
      return [.failed("store", "\(path) (\(source)) cannot be read as a store: \(error)", fix: moveAside)]
        + later.map { .notChecked($0, because: "the store cannot be read") }
    }
    if !checkup.foreignTables.isEmpty {
      let shown = checkup.foreignTables.prefix(5).joined(separator: ", ")
      return [
        .failed(
          "store",
          "\(path) (\(source)) is another program's database (its tables: \(shown)), not a tatsh store",
          fix: "give tatsh a store of its own (--store PATH); tatsh refuses to use this one")
      ] + later.map { .notChecked($0, because: "it is not a tatsh store") }
    }
    var findings: [DoctorFinding] = [.passed("store", "\(path) (\(source)), \(Self.size(checkup.size))")]
    if checkup.integrityProblems.isEmpty {
      findings.append(.passed("integrity", "PRAGMA integrity_check: ok"))
    } else {
      findings.append(
        .failed(
          "integrity", "PRAGMA integrity_check: " + checkup.integrityProblems.joined(separator: "; "),
          fix: "the store is damaged: \(moveAside)"))
    }
    findings.append(Self.schemaFinding(checkup))
    if let failure = checkup.countFailure {
      findings.append(
        .failed("records", "cannot be counted: \(failure)", fix: "the store is damaged: \(moveAside)"))
    } else if checkup.counts.isEmpty {
      findings.append(.passed("records", "none yet: tatsh fills the store with demo data on first use"))
    } else {
      findings.append(
        .passed("records", checkup.counts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")))
    }
    return findings
  }

  /// Which migrations the store has had, against those this tatsh knows.
  private static func schemaFinding(_ checkup: StoreCheckup) -> DoctorFinding {
    let known = StoreCheckup.knownMigrations
    let version = { (identifier: String) in String(identifier.prefix { $0 != ":" }) }
    if !checkup.unknownMigrations.isEmpty {
      return .warning(
        "schema",
        "migrations this tatsh does not know (\(checkup.unknownMigrations.joined(separator: ", "))): a newer tatsh made this store",
        fix: "use the newer tatsh with it, or another store (--store PATH)")
    }
    guard let latest = checkup.appliedMigrations.last else {
      return .passed("schema", "none yet: tatsh sets it up (\(version(known.last ?? ""))) on first use")
    }
    if checkup.pendingMigrations.isEmpty {
      return .passed("schema", "\(version(latest)), up to date (\(known.count) migrations)")
    }
    return .passed(
      "schema",
      "\(version(latest)): tatsh brings it up to \(version(known.last ?? "")) the next time it opens the store"
    )
  }

  /// What keeps this user from using the store file at `path` as tatsh does (it
  /// writes to it, and keeps its journal beside it), and the fix.
  static func accessProblem(_ path: String) -> (problem: String, fix: String)? {
    let files = FileManager.default
    let parent = (path as NSString).deletingLastPathComponent
    let folder = parent.isEmpty ? "." : parent
    let owner = (try? files.attributesOfItem(atPath: path))?[.ownerAccountName] as? String
    let others = owner.flatMap {
      $0 == NSUserName() ? nil : "it belongs to \($0): run tatsh as \($0), or copy it"
    }
    if !files.isReadableFile(atPath: path) {
      return ("cannot be read by you", others ?? "chmod u+rw \(path)")
    }
    if !files.isWritableFile(atPath: path) {
      return ("is read-only for you, and tatsh writes to its store", others ?? "chmod u+w \(path)")
    }
    if !files.isWritableFile(atPath: folder) {
      return (
        "is in a folder you cannot write to (\(folder)), where SQLite keeps the store's journal",
        "chmod u+w \(folder), or move the store to a folder of yours"
      )
    }
    return nil
  }

  /// `512 KB`, `12.3 MB`.
  static func size(_ bytes: Int64) -> String {
    ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
  }
}
