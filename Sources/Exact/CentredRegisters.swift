/// Certified registers whose balls can be re-centred: a ball's radius read out and dropped, so
/// that long training carries its midpoints as points and bounds their error by other means
/// (a contraction bound on each step, `ContractionBound`), instead of letting every step's
/// radius feed the next one's.
public protocol CentredRegisters: RegisterFile {
    /// An upper bound on register `r`'s radius.
    func radiusBound(at r: Int) -> Double
    /// Makes register `r` its midpoint alone (radius 0): from now on it stands for that point.
    func recentre(at r: Int)
    /// Adds `bound` to register `r`'s radius.
    func widen(at r: Int, by bound: Double)
    /// Bounds on every point of register `r`, rounded outward to `Double`.
    func bounds(at r: Int) -> ClosedRange<Double>
    /// Loads a ball that holds every point of `range`.
    func load(enclosing range: ClosedRange<Double>, into r: Int) throws(EnclosureError)
}
