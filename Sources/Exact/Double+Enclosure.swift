extension Double {
    /// A nonnegative result of a few correctly rounded operations, moved up past their rounding
    /// (a relative 2^−44 and one ulp): what proved bounds in binary64 add to what they compute.
    public var roundedUpPastRounding: Double { (self * (1 + 0x1p-44)).nextUp }
}

extension ClosedRange<Double> {
    /// A centre and a radius whose ball holds every point of the range (the radius rounded up).
    public var centreAndRadius: (centre: Double, radius: Double) {
        let centre = lowerBound / 2 + upperBound / 2
        return (centre, Swift.max(centre - lowerBound, upperBound - centre).nextUp.nextUp)
    }
}
