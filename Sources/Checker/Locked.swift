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

extension Locked {
    /// The value under `key`, made by `make` the first time and kept where `keep` says so (a value
    /// it rejects, a failure, is made again next time). The lock is held while it is made: a
    /// caller that arrives meanwhile waits for it rather than making it too.
    func value<Key, Kept>(for key: Key, keep: (Kept) -> Bool = { _ in true }, make: () -> Kept) -> Kept
    where Value == [Key: Kept] {
        withLock { known in
            if let value = known[key] { return value }
            let made = make()
            if keep(made) { known[key] = made }
            return made
        }
    }

    /// The one value kept here, made by `make` the first time (as `value(for:keep:make:)`).
    func value<Kept>(keep: (Kept) -> Bool = { _ in true }, make: () -> Kept) -> Kept where Value == Kept? {
        withLock { known in
            if let value = known { return value }
            let made = make()
            if keep(made) { known = made }
            return made
        }
    }
}
