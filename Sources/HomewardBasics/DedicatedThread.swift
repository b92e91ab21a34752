import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Homeward starts an OS thread of its own.
///
/// Work that blocks (a `zmq_poll` loop, SQLite's fsync, dlib holding a core for
/// tens of milliseconds) must never run on Swift's cooperative pool, which has
/// one thread per core: it would stall every actor of the process. Such work
/// gets a detached thread from here, named so that `top -H` and a debugger
/// show what it is.
public enum DedicatedThread {
    /// A thread could not be started (the process is out of threads or memory).
    public struct StartError: Error, CustomStringConvertible {
        public let name: String
        public let code: Int32
        public var description: String { "could not start the \(name) thread (pthread_create returned \(code))" }
    }

    /// Starts a detached thread named `name` (at most 15 bytes are kept) running `body`.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(StartError) {
        final class Box: @unchecked Sendable {
            let name: String
            let body: @Sendable () -> Void
            init(_ name: String, _ body: @escaping @Sendable () -> Void) { self.name = name; self.body = body }
        }
        let box = Unmanaged.passRetained(Box(name, body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let rc = pthread_create(&thread, nil, { arg in
            let box = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
            Thread.current.name = box.name  // Foundation names the OS thread (Linux keeps 15 bytes)
            box.body()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw StartError(name: name, code: rc)
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        pthread_detach(thread!)
        #endif
    }
}
