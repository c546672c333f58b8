import Exact
import Symbolic

/// A random expression over exact rational constants, evaluated straight onto a register file.
///
/// The fuzzer builds these rather than `Expr`s because `Expr`'s constructors simplify as they
/// build (`0 · x` becomes 0 even where `x` is undefined): a `Term` is evaluated exactly as written,
/// every node in order, on balls at any precision and on exact rationals alike.
indirect enum Term: Equatable, CustomStringConvertible {
    case constant(Rational)
    case negate(Term)
    case power(Term, Int)
    case apply(ElementaryFunction, Term)
    case binary(Operator, Term, Term)

    enum Operator: String, CaseIterable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// The registers an evaluation needs: one per node.
    var nodeCount: Int {
        switch self {
        case .constant: 1
        case .negate(let a), .power(let a, _), .apply(_, let a): 1 + a.nodeCount
        case .binary(_, let a, let b): 1 + a.nodeCount + b.nodeCount
        }
    }

    /// The value on fresh registers made by `make`, or the error the register file raised.
    func evaluate<R: RegisterFile>(on make: (Int) -> R) -> Result<R.Value, EnclosureError> {
        let registers = make(nodeCount)
        var next = 0
        do {
            let result = try emit(into: registers, next: &next)
            return .success(registers.value(at: result))
        } catch {
            return .failure(error)
        }
    }

    /// Computes the children, then this node into register `next`; returns that register.
    private func emit<R: RegisterFile>(into registers: R, next: inout Int) throws(EnclosureError) -> Int {
        switch self {
        case .constant(let value):
            let r = claim(&next)
            try registers.load(value, into: r)
            return r
        case .negate(let a):
            let x = try a.emit(into: registers, next: &next)
            let r = claim(&next)
            try registers.negate(x, into: r)
            return r
        case .power(let a, let exponent):
            let x = try a.emit(into: registers, next: &next)
            let r = claim(&next)
            try registers.power(x, exponent, into: r)
            return r
        case .apply(let function, let a):
            let x = try a.emit(into: registers, next: &next)
            let r = claim(&next)
            try registers.apply(function, x, into: r)
            return r
        case .binary(let operation, let a, let b):
            let x = try a.emit(into: registers, next: &next)
            let y = try b.emit(into: registers, next: &next)
            let r = claim(&next)
            switch operation {
            case .add: try registers.add(x, y, into: r)
            case .subtract: try registers.subtract(x, y, into: r)
            case .multiply: try registers.multiply(x, y, into: r)
            case .divide: try registers.divide(x, y, into: r)
            }
            return r
        }
    }

    private func claim(_ next: inout Int) -> Int {
        defer { next += 1 }
        return next
    }

    /// The same expression built with `Expr`'s simplifying constructors.
    var expr: Expr {
        switch self {
        case .constant(let value): .constant(value)
        case .negate(let a): -a.expr
        case .power(let a, let exponent): a.expr.power(exponent)
        case .apply(let function, let a): .apply(function, a.expr)
        case .binary(.add, let a, let b): a.expr + b.expr
        case .binary(.subtract, let a, let b): a.expr - b.expr
        case .binary(.multiply, let a, let b): a.expr * b.expr
        case .binary(.divide, let a, let b): a.expr / b.expr
        }
    }

    /// Exact text: rationals as `n/d`, so a failing case can be rebuilt from its message.
    var description: String {
        switch self {
        case .constant(let value): "(\(value))"
        case .negate(let a): "-\(a)"
        case .power(let a, let exponent): "\(a)^\(exponent)"
        case .apply(let function, let a): "\(function.rawValue)(\(a))"
        case .binary(let operation, let a, let b): "(\(a) \(operation.rawValue) \(b))"
        }
    }
}
