/// Ziv's strategy: evaluate at a working precision, and when the enclosure is too wide to decide
/// the question, double the precision and try again, up to a cap. This is the only loop over
/// precisions in derivcheck: every command's cap is one of the presets below.
public struct Escalation: Sendable, Hashable {
    /// The first precision tried, in bits.
    public var initial: Int
    /// The highest precision tried before answering "undecided": always tried itself, even when
    /// doubling from `initial` steps over it.
    public var cap: Int
    /// Whether the double-double tier (`DoubleDoubleRegisters`, reported as
    /// `Escalation.doubleDoubleBits`) is tried before `initial`.
    public var startsWithDoubleDouble: Bool

    /// The precision the double-double tier stands for in `precisions` and in reports: two
    /// 53-bit significands.
    public static let doubleDoubleBits = 106

    /// `verify`, `check`, `eval` and `derive`: 128 bits up to 2,048 (the format's cap for formula claims).
    public static let standard = Escalation(initial: 128, cap: 2048)
    /// `train` and `diagram --after`: long training loses bits with every step, so up to 4,096.
    public static let training = Escalation(initial: 128, cap: 4096)

    public init(initial: Int, cap: Int, startsWithDoubleDouble: Bool = false) {
        self.initial = max(initial, 2)
        self.cap = max(cap, self.initial)
        self.startsWithDoubleDouble = startsWithDoubleDouble
    }

    /// The precisions tried, in order: the double-double tier when asked, then initial,
    /// 2·initial, … and the cap last.
    public var precisions: [Int] {
        let doublings = Array(sequence(first: initial) { $0 * 2 < cap ? $0 * 2 : nil })
        let tiers = startsWithDoubleDouble && initial > Self.doubleDoubleBits ? [Self.doubleDoubleBits] : []
        return tiers + (doublings.last == cap ? doublings : doublings + [cap])
    }

    /// The same escalation with the double-double tier first, or without it.
    public func startingWithDoubleDouble(_ starts: Bool) -> Escalation {
        Escalation(initial: initial, cap: cap, startsWithDoubleDouble: starts)
    }

    /// Runs `attempt` at increasing precisions until it returns an answer. An error that a higher
    /// precision may mend (`PrecisionSensitiveError`) moves on to the next precision, except at the
    /// cap, where it is thrown like any other.
    public func decide<T, E: Error>(_ attempt: (_ precision: Int) throws(E) -> T?) throws(E) -> Decision<T> {
        for precision in precisions {
            do {
                if let answer = try attempt(precision) { return .decided(answer, precision: precision) }
            } catch let error as PrecisionSensitiveError where error.mayYieldToPrecision && precision < cap {
                continue
            }
        }
        return .undecided(precision: cap)
    }
}

/// An error that a higher working precision may mend: an enclosure too wide to settle a sign, a
/// domain or a jump.
public protocol PrecisionSensitiveError: Error {
    var mayYieldToPrecision: Bool { get }
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
