/// A certified value: a ball that encloses it and, while the computation that made it stayed
/// rational, the exact value itself (so a value on a rounding boundary can still be decided).
public struct RationalBall: Sendable {
    public var ball: Ball
    /// The exact value, when every operation that produced it was exact.
    public var exact: Rational?

    public init(ball: Ball, exact: Rational?) {
        self.ball = ball
        self.exact = exact
    }

    /// The exact value as a ball, else the ball.
    public var lower: Rational { exact ?? ball.lower }
    public var upper: Rational { exact ?? ball.upper }
}
