import Exact
import Symbolic

/// Certified training that stays narrow over a million steps: re-centred error propagation.
///
/// Plain ball arithmetic adds every step's radius into the next step with absolute values, so the
/// radii grow by `1 + η·|H|` each step (about 75 bits over the tutorial's 1,000,000 steps) even
/// where gradient descent contracts. Here each step runs on points instead: the parameters'
/// balls are re-centred (`CentredRegisters.recentre`), so a step's radii are only its own
/// rounding `r_k`, and the distance `e_k` between the computed and the exact parameters obeys
/// `e_{k+1} ≤ ‖I − η·H(ξ)‖₂·e_k + ‖r_k‖₂` for some ξ between them (the mean-value theorem).
///
/// Steps are taken in segments. A segment's box holds every midpoint it visited, widened by a
/// guess `G` of the error; `StepHessian` bounds the stretch `1 + x` over that box, and the
/// segment is proved when `(1 + x)^n·(e_start + Σ‖r_k‖) ≤ G`, which also shows by induction that
/// the exact parameters never left the box. Reading a value closes the segment and widens the
/// parameters by the proved bound.
final class CentredTraining<R: CentredRegisters>: TrainingObserver {
    private let hessian: StepHessian
    private let registers: R
    private let parameters: [Int]
    /// The proved bound on the error at the start of the current segment (2-norm).
    private(set) var error = 0.0
    private var rounding = 0.0
    /// The box of the segment's midpoints so far, one range per parameter, in memory of its own
    /// (arrays in a class pay exclusivity and uniqueness checks on every step's update).
    private let lower: UnsafeMutablePointer<Double>
    private let upper: UnsafeMutablePointer<Double>
    private var stepsInSegment = 0
    private var segmentLength = 1

    /// The longest segment: one Hessian bound per this many steps at most.
    static var longestSegment: Int { 2048 }

    /// Re-centred training of `training`'s parameters, or `nil` when the scenario's steps are not
    /// ones this proves (see `StepHessian`), or its data changes from step to step.
    init?(scenario: Scenario, training: TrainingStep<R>) {
        guard scenario.fixture.data == nil, let hessian = StepHessian(scenario: scenario) else { return nil }
        let registers = scenario.parameters.compactMap { training.parameters[$0] }
        guard registers.count == scenario.parameters.count else { return nil }
        self.hessian = hessian
        self.registers = training.registers
        parameters = registers
        lower = .allocate(capacity: registers.count)
        lower.initialize(repeating: 0, count: registers.count)
        upper = .allocate(capacity: registers.count)
        upper.initialize(repeating: 0, count: registers.count)
        error = Self.recentred(training.registers, registers)
        startSegment()
    }

    deinit {
        lower.deallocate()
        upper.deallocate()
    }

    /// Hears a step just taken: its rounding is added up and the parameters re-centred.
    func stepped(at step: Int) throws(RunError) {
        rounding = (rounding + Self.recentred(registers, parameters)).roundedUpPastRounding
        for (index, register) in parameters.enumerated() {
            let range = registers.bounds(at: register)
            lower[index] = Swift.min(lower[index], range.lowerBound)
            upper[index] = Swift.max(upper[index], range.upperBound)
        }
        stepsInSegment += 1
        if stepsInSegment >= segmentLength { try close(at: step) }
    }

    /// Proves the segment so far; afterwards `error` bounds the distance of the parameters'
    /// midpoints from the exact ones.
    func close(at step: Int) throws(RunError) {
        guard stepsInSegment > 0 else { return }
        let start = (error + rounding).roundedUpPastRounding
        var guess = Swift.max((2 * start).roundedUpPastRounding, 0x1p-1000)
        // The guess only widens the box by the size of the error, far less than the steps move
        // the parameters: a second try with the growth just found is all a segment can need.
        for _ in 0..<2 {
            let box = parameters.indices.map { ((lower[$0] - guess).nextDown)...((upper[$0] + guess).nextUp) }
            guard let bound = hessian.bound(over: box) else {
                throw RunError(message: "no contraction bound at step \(step)", definition: nil, step: step)
            }
            let end = (bound.growth(over: stepsInSegment) * start).roundedUpPastRounding
            guard end.isFinite else { break }
            if end <= guess {
                plan(after: bound.excess)
                error = end
                startSegment()
                return
            }
            guess = (2 * end).roundedUpPastRounding
        }
        throw RunError(message: "the steps up to \(step) may stretch errors too much", definition: nil, step: step)
    }

    /// Sets the next segment's length from the stretch of the last one: longer while the stretch
    /// over it stays negligible, shorter where the parameters move fast and a box over many steps
    /// would be wide (a wide box bounds the stretch loosely, and every step pays for it).
    private func plan(after excess: Double) {
        let stretch = excess * Double(stepsInSegment)
        if stretch * 2 <= 1 / 64 {
            segmentLength = Swift.min(stepsInSegment * 2, Self.longestSegment)
        } else if stretch > 1 / 16 {
            segmentLength = Swift.max(stepsInSegment / 2, 1)
        }
    }

    /// Widens register `r` of `target` (a copy of a parameter) by the proved error.
    func widen(_ target: R, at r: Int) { target.widen(at: r, by: error) }

    private func startSegment() {
        rounding = 0
        stepsInSegment = 0
        for (index, register) in parameters.enumerated() {
            let range = registers.bounds(at: register)
            (lower[index], upper[index]) = (range.lowerBound, range.upperBound)
        }
    }

    /// Re-centres the parameters and returns an upper bound on the 2-norm of the radii dropped
    /// (their sum, which bounds it and cannot underflow).
    private static func recentred(_ registers: R, _ parameters: [Int]) -> Double {
        var sum = 0.0
        for register in parameters {
            sum += registers.radiusBound(at: register)
            registers.recentre(at: register)
        }
        return sum.roundedUpPastRounding
    }
}

/// Where training counts as long: re-centring pays from here (below it, plain balls lose few bits
/// and the Hessian bounds would cost more than they save), and `Double` screening, often far off
/// by then, waits for a verdict that asks for an explanation.
enum LongTraining {
    static func includes(step: Int) -> Bool { step >= 20_000 }
}
