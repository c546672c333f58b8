import Dispatch

/// A value that threads share behind a lock: a dispatch semaphore, whose wait and signal the
/// thread sanitizer models as acquire and release. (It cannot see inside the standard library's
/// `Synchronization.Mutex`, and reported every access under one as a race.)
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let semaphore = DispatchSemaphore(value: 1)

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value, waiting for the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        semaphore.wait()
        defer { semaphore.signal() }
        return try body(&value)
    }
}
