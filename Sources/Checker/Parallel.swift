import Dispatch
import Foundation

/// Work spread over the machine's cores, results kept in input order.
enum Parallel {
    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        let results = Results<U>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.store(transform(items[index]), at: index)
        }
        return results.values.compactMap { $0 }
    }

    /// Slots written by concurrent iterations, each its own index, under a lock.
    private final class Results<U: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [U?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func store(_ value: U, at index: Int) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
    }
}
