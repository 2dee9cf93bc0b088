import CConcurrencyHook
import NIOCore
import NIOPosix

/// Swift concurrency's jobs on NIO's event loops (the ones `TATHTTPServer`
/// serves on) instead of a pool of threads of their own, so that a request
/// is read, answered and written on one thread. What NIO's
/// `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`
/// does, but reaching the runtime's hook through the linker: the static
/// build does not export it to `dlsym`, so NIO's own cannot find it.
///
/// For a program that is only a server: a job that blocks its thread then
/// holds up the connections of its event loop.
public enum EventLoopConcurrency {
  private typealias Hook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

  /// Sends the process's jobs to the event loops from now on; false (and
  /// nothing changed) if another hook is installed already, or with a
  /// compiler it is not known to work with.
  @discardableResult
  public static func install() -> Bool {
    // The hook's type is the runtime's, not a promise of the language: the
    // compilers NIO vouches for its own takeover with, and no others.
    #if compiler(>=6.6)
      return false
    #else
      return installHook()
    #endif
  }

  private static func installHook() -> Bool {
    let hook: Hook = { job, original in
      guard let loop = MultiThreadedEventLoopGroup.singleton.any() as? any NIOSerialEventLoopExecutor else {
        return original(job)
      }
      loop.enqueue(ExecutorJob(job))
    }
    return tatsh_install_global_enqueue_hook(unsafeBitCast(hook, to: UnsafeRawPointer.self))
  }
}
