import Dispatch

/// Work spread over the machine's cores, results kept in input order.
enum Parallel {
    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        let results = Locked<[U?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let value = transform(items[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Runs `background` on a thread of its own while `foreground` runs here (and may spread over
    /// the cores itself), and returns both results.
    static func both<T: Sendable, U>(_ background: @escaping @Sendable () -> T, and foreground: () -> U) -> (T, U) {
        let result = Locked<T?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let value = background()
            result.withLock { $0 = value }
        }
        let other = foreground()
        group.wait()
        guard let value = result.withLock({ $0 }) else { return (background(), other) }
        return (value, other)
    }
}
