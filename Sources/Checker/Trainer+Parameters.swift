import Exact
import Symbolic

extension Trainer {
    /// The trained parameters' values after `steps` steps, each certified to `places` decimals
    /// (the precision doubles until every one is decided): what a diagram of the trained net shows.
    public func parameterValues(after steps: Int, places: Int = 9, progress: (@Sendable (Int) -> Void)? = nil)
        throws(TrainingError) -> [String: String]
    {
        try escalating { (precision: Int) throws(RunError) in
            let balls = try trainedParameters(after: steps, progress: progress) {
                BallRegisters(count: $0, precision: precision)
            }
            var texts: [String: String] = [:]
            for (name, ball) in balls {
                texts[name] =
                    Self.certifiedDecimal(ball, places: places) ?? ball.midpoint.decimalString(places: places) + "…"
            }
            return (texts, texts.values.allSatisfy { !$0.hasSuffix("…") })
        }
    }

    /// The digits of `ball` rounded to `places` decimals, when every point of it rounds alike.
    public static func certifiedDecimal(_ ball: Ball, places: Int) -> String? {
        let low = ball.lower.decimalString(places: places)
        let high = ball.upper.decimalString(places: places)
        return low == high ? low : nil
    }

    /// Every trained parameter after `steps` simultaneous gradient-descent steps, computed on
    /// registers made by `makeRegisters`: certified balls, or plain `Double`s.
    public func parameters<R: RegisterFile>(
        after steps: Int, progress: (@Sendable (Int) -> Void)? = nil,
        on makeRegisters: (Int) -> R
    ) throws(TrainingError) -> [String: R.Value] {
        do {
            return try trainedParameters(after: steps, progress: progress, on: makeRegisters)
        } catch {
            throw TrainingError(description: error.message)
        }
    }

    /// The same, failing with the run's own error (so that `escalating` can tell a precision loss).
    func trainedParameters<R: RegisterFile>(
        after steps: Int, progress: (@Sendable (Int) -> Void)?,
        on makeRegisters: (Int) -> R
    ) throws(RunError) -> [String: R.Value] {
        let scenario: Scenario
        do { scenario = try Scenario(fixture: fixture) } catch {
            throw RunError(message: error.description, definition: nil, step: 0)
        }
        let training = try TrainingStep(scenario: scenario, makeRegisters: makeRegisters)
        for step in 0..<max(steps, 0) {
            try training.advance(from: step)
            progress?(step + 1)
        }
        return training.parameters.mapValues { training.registers.value(at: $0) }
    }
}
