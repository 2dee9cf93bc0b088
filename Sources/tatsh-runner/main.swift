import Foundation
import TATEmbedded

#if canImport(Glibc)
  import Glibc
#endif

// tatsh-runner STORE INVOCATION_ID: runs the invocation's PENDING tasks on the
// store's local instances, in a process of its own that outlives the tatsh
// (or tatsh serve) that asked for it. tatsh starts it; it is not for people.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(
    Data("usage: tatsh-runner STORE INVOCATION_ID (tatsh starts this itself)\n".utf8))
  exit(2)
}
do {
  let store = try EmbeddedTAT(path: arguments[1])
  try await store.runTasks(of: arguments[2])
} catch {
  FileHandle.standardError.write(Data("tatsh-runner: \(arguments[2]): \(error)\n".utf8))
  exit(1)
}
