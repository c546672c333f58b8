extension UInt128 {
    /// The full 256-bit product, from four 64-bit products: what `multipliedFullWidth(by:)` gives,
    /// but inlined (the standard library's generic version for `UInt128` is an out-of-line call
    /// several times slower, and the certified kernels make one per operation).
    @inline(__always)
    func wideProduct(_ other: UInt128) -> (high: UInt128, low: UInt128) {
        let (a1, a0) = (UInt64(truncatingIfNeeded: self >> 64), UInt64(truncatingIfNeeded: self))
        let (b1, b0) = (UInt64(truncatingIfNeeded: other >> 64), UInt64(truncatingIfNeeded: other))
        let p00 = a0.multipliedFullWidth(by: b0)
        let p01 = a0.multipliedFullWidth(by: b1)
        let p10 = a1.multipliedFullWidth(by: b0)
        let p11 = a1.multipliedFullWidth(by: b1)
        // The terms of weight 2^64, less than 3·2^64 in all.
        let middle = UInt128(p01.low) + UInt128(p10.low) + UInt128(p00.high)
        let low = UInt128(p00.low) | middle << 64
        let high = (UInt128(p11.high) << 64 | UInt128(p11.low)) + UInt128(p01.high) + UInt128(p10.high) + middle >> 64
        return (high, low)
    }
}
