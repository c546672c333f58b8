import Exact

/// What is known exactly about a term's value, worked out independently of the register files.
///
/// Goes a little further than `RationalRegisters`: `t − t` and `t · 0` are 0 whenever `t` is
/// defined, `logistic(0)` is ½ and the square root of a square is rational, so more balls are
/// checked against an exact value; and a division by exactly zero, a log of a number ≤ 0 or a
/// square root of a negative number anywhere in the term makes it undefined.
enum Truth: Equatable {
    /// The exact value.
    case rational(Rational)
    /// Out of exact reach: irrational, or a power too large to compute (it may still be undefined).
    case unknown
    /// Undefined: some subterm divides by zero or leaves a function's domain.
    case undefined

    init(of term: Term) {
        switch term {
        case .constant(let value):
            self = .rational(value)
        case .negate(let a):
            self = Truth(of: a).map { -$0 }
        case .power(let a, let exponent):
            self = Truth(of: a).power(exponent)
        case .apply(let function, let a):
            self = Truth(of: a).applying(function)
        case .binary(let operation, let a, let b):
            self = Truth.combine(operation, Truth(of: a), Truth(of: b), same: a == b)
        }
    }

    private func map(_ transform: (Rational) -> Rational) -> Truth {
        guard case .rational(let value) = self else { return self }
        return .rational(transform(value))
    }

    private func power(_ exponent: Int) -> Truth {
        guard case .rational(let value) = self else { return self }
        guard value.powerSize(exponent) <= RationalRegisters.powerSizeLimit else { return .unknown }
        return value.power(exponent).map(Truth.rational) ?? .undefined
    }

    private func applying(_ function: ElementaryFunction) -> Truth {
        guard case .rational(let x) = self else { return self }
        switch function {
        case .relu: return .rational(x.signum > 0 ? x : 0)
        case .step: return .rational(x.signum > 0 ? 1 : 0)
        case .log where x.signum <= 0: return .undefined
        case .sqrt where x.signum < 0: return .undefined
        case .sqrt: return Truth.squareRoot(x).map(Truth.rational) ?? .unknown
        case .log where x == 1: return .rational(0)
        case .exp where x.signum == 0: return .rational(1)
        case .tanh where x.signum == 0: return .rational(0)
        case .logistic where x.signum == 0: return .rational(.half)
        default: return .unknown
        }
    }

    /// `a ∘ b`, where `same` says the two operands are the same term (so `a − a` is exactly 0).
    private static func combine(_ operation: Term.Operator, _ a: Truth, _ b: Truth, same: Bool) -> Truth {
        if a == .undefined || b == .undefined { return .undefined }
        switch (operation, a, b) {
        case (.add, .rational(let x), .rational(let y)): return .rational(x + y)
        case (.subtract, .rational(let x), .rational(let y)): return .rational(x - y)
        case (.multiply, .rational(let x), .rational(let y)): return .rational(x * y)
        case (.divide, _, .rational(let y)) where y.signum == 0: return .undefined
        case (.divide, .rational(let x), .rational(let y)): return .rational(x / y)
        case (.subtract, _, _) where same: return .rational(0)
        case (.multiply, .rational(let x), _) where x.signum == 0: return .rational(0)
        case (.multiply, _, .rational(let y)) where y.signum == 0: return .rational(0)
        default: return .unknown
        }
    }

    /// The exact square root of `x ≥ 0` when it is rational and a `Double` holds it exactly.
    private static func squareRoot(_ x: Rational) -> Rational? {
        guard let root = Rational(exactly: x.doubleValue.squareRoot()), root * root == x else { return nil }
        return root
    }
}
