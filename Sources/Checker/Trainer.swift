import Exact
import Fixture
import Symbolic

/// Certified gradient descent on a fixture's model with the plain `Double` run beside it, read
/// every few steps: how the loss falls, and how many digits `Double` still gets right.
public struct Trainer: Sendable {
    public let fixture: Fixture
    /// The names read at each record: the network's outputs (`out_o1`, …).
    public let outputs: [String]

    /// One reading of the run.
    public struct Record: Sendable {
        public var step: Int
        public var loss: Ball
        public var lossDouble: Double
        public var outputs: [(name: String, value: Ball, double: Double)]
        /// Leading significant digits on which the `Double` loss agrees with the certified one.
        public var agreeingDigits: Int
    }

    public init(fixture: Fixture) throws(TrainingError) {
        guard fixture.training != nil else { throw TrainingError(description: "the fixture has no [training] section") }
        self.fixture = fixture
        if let network = fixture.network {
            outputs = network.neuronNames(layer: network.layers.count - 1).map { "out_\($0)" }
        } else {
            outputs = fixture.model.definitionOrder.filter { $0.hasPrefix("out_o") }
        }
    }

    /// Trains `steps` steps, reading every `every` steps (and the last); `progress` hears each step.
    /// The precision doubles when the certified loss cannot be given to `digits` significant digits.
    public func run(steps: Int, every: Int, digits: Int = 25, progress: (@Sendable (Int) -> Void)? = nil)
        throws(TrainingError) -> [Record]
    {
        try escalating { (precision: Int) throws(RunError) in
            let every = max(every, 1)
            var records: [Record]?
            if LongTraining.includes(step: steps) {
                records = try run(steps: steps, every: every, precision: precision, centred: true, progress: progress)
            }
            if records == nil {
                records = try run(steps: steps, every: every, precision: precision, centred: false, progress: progress)
            }
            let settled = records ?? []
            return (settled, settled.allSatisfy { $0.loss.formatted(significantDigits: digits) != nil })
        }
    }

    /// Runs `attempt` at the training escalation's precisions until it reports its result settled
    /// or fails in a way no precision can mend; at the cap it returns what it has.
    func escalating<T>(_ attempt: (_ precision: Int) throws(RunError) -> (result: T, settled: Bool))
        throws(TrainingError) -> T
    {
        var last: T?
        let escalation = Escalation.training
        let decision: Decision<T>
        do {
            decision = try escalation.decide { (precision: Int) throws(RunError) -> T? in
                let (result, settled) = try attempt(precision)
                last = result
                return settled ? result : nil
            }
        } catch {
            guard error.mayYieldToPrecision else { throw TrainingError(description: error.message) }
            throw TrainingError(
                description:
                    "\(error.message) (even at \(escalation.cap) bits: the certified bound grows with every step)")
        }
        guard let result = decision.answer ?? last else {
            throw TrainingError(description: "no precision up to \(escalation.cap) bits gave a result")
        }
        return result
    }

    /// The records of one run at `precision`; `centred` re-centres the certified training
    /// (`CentredTraining`), and returns `nil` when the scenario has no such bound.
    private func run(steps: Int, every: Int, precision: Int, centred: Bool, progress: (@Sendable (Int) -> Void)?)
        throws(RunError) -> [Record]?
    {
        guard let loss = fixture.training?.loss else { return [] }
        do {
            let scenario = try Scenario(fixture: fixture)
            let certified = try TrainingStep(scenario: scenario) { BallRegisters(count: $0, precision: precision) }
            let plain = try TrainingStep(scenario: scenario, makeRegisters: DoubleRegisters.init(count:))
            let centring = centred ? CentredTraining(scenario: scenario, training: certified) : nil
            if centred && centring == nil { return nil }
            var builder = ProgramBuilder(model: fixture.model)
            let watched = [loss] + outputs
            var registers: [Int] = []
            for name in watched { registers.append(try builder.compile(name: name)) }
            var parameterRegisters: [(source: Int, target: Int)] = []
            for (name, source) in certified.parameters {
                if let target = builder.register(forGiven: name) { parameterRegisters.append((source, target)) }
            }
            let readout = builder.finished(keeping: registers)
            let balls = BallRegisters(count: readout.registerCount, precision: precision)
            let doubles = DoubleRegisters(count: readout.registerCount)
            try readout.runSetup(on: balls)
            try readout.runSetup(on: doubles)
            var records: [Record] = []
            for step in 0...max(steps, 0) {
                if step > 0 {
                    try certified.advance(from: step - 1)
                    try plain.advance(from: step - 1)
                    do { try centring?.stepped(at: step) } catch { return nil }
                    progress?(step)
                }
                guard step % every == 0 || step == steps else { continue }
                do { try centring?.close(at: step) } catch { return nil }
                for (source, target) in parameterRegisters {
                    balls.set(certified.registers.value(at: source), at: target)
                    centring?.widen(balls, at: target)
                    doubles.set(plain.registers.value(at: source), at: target)
                }
                try readout.runBody(on: balls)
                try readout.runBody(on: doubles)
                let lossBall = balls.value(at: registers[0])
                let lossDouble = doubles.value(at: registers[0])
                let outputValues = zip(outputs, registers.dropFirst()).map {
                    ($0, balls.value(at: $1), doubles.value(at: $1))
                }
                records.append(
                    Record(
                        step: step, loss: lossBall, lossDouble: lossDouble, outputs: outputValues,
                        agreeingDigits: Self.agreeingDigits(lossDouble, lossBall)))
            }
            return records
        } catch let failure as ProgramError {
            throw RunError(failure: failure, step: 0)
        } catch let failure as RunError {
            throw failure
        } catch {
            throw RunError(message: "\(error)", definition: nil, step: 0)
        }
    }

    /// Leading significant digits of `double` that match the exact value (certified: the worst case
    /// over the enclosure).
    public static func agreeingDigits(_ double: Double, _ truth: Ball) -> Int {
        guard let point = Rational(exactly: double) else { return 0 }
        let farthest = max((point - truth.lower).magnitude, (point - truth.upper).magnitude)
        let size = min(truth.lower.magnitude, truth.upper.magnitude)
        guard farthest.signum > 0 else { return 17 }
        guard size.signum > 0, let ratio = (size / farthest).decimalExponent else { return 0 }
        return max(ratio, 0)
    }
}
