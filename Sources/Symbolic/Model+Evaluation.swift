import Exact

extension Model {
    /// The empty model: for expressions made of numbers alone.
    public static let empty: Model = {
        do { return try Model(givens: [], definitions: []) } catch { preconditionFailure("the empty model is valid") }
    }()

    /// Evaluates expressions at the model's givens on fresh registers made by `make`.
    public func evaluate<R: RegisterFile>(_ expressions: [Expr], on make: (Int) -> R) throws(EvaluationError) -> [R
        .Value]
    {
        var builder = ProgramBuilder(model: self)
        var outputs: [Int] = []
        for expression in expressions {
            do { outputs.append(try builder.compile(resolving(expression))) } catch { throw .model(error) }
        }
        let program = builder.finished(keeping: outputs)
        let registers = make(program.registerCount)
        do { try program.run(on: registers) } catch { throw .arithmetic(error) }
        return outputs.map(registers.value(at:))
    }

    /// Certified values of `expressions` to `significantDigits` correctly rounded digits, raising
    /// the precision until every one is decided (or the escalation's cap is reached).
    public func certify(_ expressions: [Expr], significantDigits: Int, escalation: Escalation = .standard)
        throws(EvaluationError) -> [CertifiedValue]
    {
        let doubles = try evaluate(expressions, on: DoubleRegisters.init(count:))
        var last: [Ball] = []
        var lastPrecision = escalation.initial
        let decision = try escalation.decide { (precision: Int) throws(EvaluationError) -> [String]? in
            let balls = try evaluate(expressions, on: { BallRegisters(count: $0, precision: precision) })
            last = balls
            lastPrecision = precision
            let digits = balls.map { $0.formatted(significantDigits: significantDigits) }
            return digits.allSatisfy { $0 != nil } ? digits.compactMap { $0 } : nil
        }
        let digits = decision.answer
        return last.indices.map { index in
            CertifiedValue(
                digits: digits?[index] ?? last[index].formatted(significantDigits: significantDigits),
                enclosure: last[index], double: doubles[index], precision: lastPrecision)
        }
    }
}
