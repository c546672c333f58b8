/// Ziv's strategy: evaluate at a working precision, and when the enclosure is too wide to decide
/// the question, double the precision and try again, up to a cap.
public struct Escalation: Sendable, Hashable {
    /// The first precision tried, in bits.
    public var initial: Int
    /// The highest precision tried before answering "undecided".
    public var cap: Int

    public static let standard = Escalation(initial: 128, cap: 1 << 14)

    public init(initial: Int, cap: Int) {
        self.initial = max(initial, 2)
        self.cap = max(cap, self.initial)
    }

    /// The precisions tried, in order: initial, 2·initial, … up to the cap.
    public var precisions: [Int] {
        Array(sequence(first: initial) { $0 * 2 <= cap ? $0 * 2 : nil })
    }

    /// Runs `attempt` at increasing precisions until it returns an answer.
    public func decide<T, E: Error>(_ attempt: (_ precision: Int) throws(E) -> T?) throws(E) -> Decision<T> {
        for precision in precisions {
            if let answer = try attempt(precision) { return .decided(answer, precision: precision) }
        }
        return .undecided(precision: precisions.last ?? initial)
    }
}

/// The outcome of a question put to enclosures: its answer and the precision that settled it,
/// or an honest "undecided" at the highest precision tried.
public enum Decision<T> {
    case decided(T, precision: Int)
    case undecided(precision: Int)

    public var answer: T? {
        if case .decided(let answer, _) = self { return answer }
        return nil
    }
}

extension Decision: Sendable where T: Sendable {}
extension Decision: Equatable where T: Equatable {}
