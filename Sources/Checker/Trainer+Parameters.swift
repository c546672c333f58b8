import Exact
import Symbolic

extension Trainer {
    /// The trained parameters' values after `steps` steps, each certified to `places` decimals
    /// (the precision doubles until every one is decided): what a diagram of the trained net shows.
    public func parameterValues(after steps: Int, places: Int = 9, progress: (@Sendable (Int) -> Void)? = nil) throws(Failure) -> [String: String] {
        var precision = 128
        while true {
            let balls = try parameterBalls(after: steps, precision: precision, progress: progress)
            var texts: [String: String] = [:]
            for (name, ball) in balls {
                if let text = Self.certifiedDecimal(ball, places: places) { texts[name] = text }
            }
            if texts.count == balls.count { return texts }
            if precision >= 4096 {
                for (name, ball) in balls where texts[name] == nil {
                    texts[name] = ball.midpoint.decimalString(places: places) + "…"
                }
                return texts
            }
            precision *= 2
        }
    }

    /// The digits of `ball` rounded to `places` decimals, when every point of it rounds alike.
    public static func certifiedDecimal(_ ball: Ball, places: Int) -> String? {
        let low = ball.lower.decimalString(places: places), high = ball.upper.decimalString(places: places)
        return low == high ? low : nil
    }

    private func parameterBalls(after steps: Int, precision: Int, progress: (@Sendable (Int) -> Void)?) throws(Failure) -> [String: Ball] {
        try parameters(after: steps, progress: progress) { BallRegisters(count: $0, precision: precision) }
    }

    /// Every trained parameter after `steps` simultaneous gradient-descent steps, computed on
    /// registers made by `makeRegisters`: certified balls, or plain `Double`s.
    public func parameters<R: RegisterFile>(after steps: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                            on makeRegisters: (Int) -> R) throws(Failure) -> [String: R.Value] {
        do {
            let scenario = try Scenario(fixture: fixture)
            let training = try TrainingStep(scenario: scenario, makeRegisters: makeRegisters)
            for step in 0..<max(steps, 0) {
                try training.advance(from: step)
                progress?(step + 1)
            }
            return training.parameters.mapValues { training.registers.value(at: $0) }
        } catch let error as RunFailure {
            throw Failure(description: error.message)
        } catch {
            throw Failure(description: "\(error)")
        }
    }
}
