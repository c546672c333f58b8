import Exact
import Fixture
import Symbolic

/// What a scan found in one document: claims for the checker, steps of arithmetic, and the math
/// it could not read. Everything is located in the post (file line and column).
public struct ScanOutcome: Sendable {
    public var file: String
    /// Numeric and formula claims about the model, in the post's order (substitutions are numeric
    /// claims with `reportedKind` "substitution"); empty without a model.
    public var claims: [Claim] = []
    /// For each claim: its segment as derivcheck read it (formula claims), else `nil`.
    public var expressions: [String?] = []
    public var steps: [ArithmeticStep] = []
    public var skipped: [SkippedMath] = []

    public init(file: String) { self.file = file }
}

/// A step of the post's arithmetic: a printed number after a numeric expression.
public struct ArithmeticStep: Sendable {
    public var line: Int
    /// Where the printed result starts.
    public var column: Int
    /// The expression's value, numbers only, except for names `r0`, `r1`, … that stand for operands
    /// the post printed earlier as results (they may have been rounded).
    public var expression: Expr
    /// The rounded operands, as printed.
    public var rounded: [String: DecimalLiteral]
    /// The result as printed.
    public var printed: DecimalLiteral
    /// The expression as derivcheck read it: `0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1`.
    public var text: String
    /// The quantity the chain is about, when it names one of the model's (`net_h1`).
    public var quantity: String?
}

/// A piece of math the scan could not read, and why (it is skipped, never guessed).
public struct SkippedMath: Sendable, Equatable {
    public var line: Int
    public var column: Int
    /// The segment as written.
    public var text: String
    public var reason: String
}
