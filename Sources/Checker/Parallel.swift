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

    /// Runs two pieces of work at once and returns both results.
    static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let firsts = Results<A>(count: 1), seconds = Results<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firsts.store(first(), at: 0) } else { seconds.store(second(), at: 0) }
        }
        guard let a = firsts.values[0], let b = seconds.values[0] else { preconditionFailure("both pieces of work ran") }
        return (a, b)
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
