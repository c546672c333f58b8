import CGMP
import Foundation

extension Ball {
    /// Binary exponents beyond which a ball's digits are not read from its exact endpoints: an
    /// endpoint of `16^1000000` or `0.5^1000000` is an integer or a denominator of a million
    /// digits, and formatting it exactly took seconds (minutes for `1e100^1000000`).
    static let exactFormattingExponent = 1 << 14

    /// Whether the midpoint's or the radius's binary exponent is beyond `exactFormattingExponent`.
    var isFarFromOne: Bool {
        withSlot { slot in
            let mid = cgmp_mpfr_is_regular(slot.mid) != 0 ? Int(cgmp_mpfr_get_exp(slot.mid)) : 0
            let rad = slot.rad.pointee.isZero ? 0 : slot.rad.pointee.exponent
            return max(abs(mid), abs(rad)) > Self.exactFormattingExponent
        }
    }

    /// `formatted(significantDigits:rule:)` for a ball far from 1: its endpoints, rounded outward to
    /// dyadic numbers, are divided by a power of ten near their size in ball arithmetic, and the
    /// quotients' outer endpoints formatted with the exponent moved back. Every step widens the
    /// interval, so when both ends still give the same digits, so does the exact value.
    func formattedFarFromOne(significantDigits: Int, rule: RoundingRule) -> String? {
        let bits = precision + 64
        guard let low = endpoint(bits: bits, upper: false), let high = endpoint(bits: bits, upper: true),
            let lowExponent = low.binaryExponent, let highExponent = high.binaryExponent,
            low.midpointSign == high.midpointSign,
            abs(highExponent - lowExponent) <= 4  // a ratio above 8 never rounds to the same digits
        else { return nil }
        let shift = Int((Double(highExponent - 1) * log10(2.0)).rounded(.down))
        guard let ten = try? Ball(Rational(10), precision: bits).power(shift),
            let lowScaled = try? low / ten, let highScaled = try? high / ten
        else { return nil }
        let lowText = lowScaled.lower.formatted(significantDigits: significantDigits, rule: rule, timesTenToThe: shift)
        let highText = highScaled.upper.formatted(
            significantDigits: significantDigits, rule: rule, timesTenToThe: shift)
        return lowText == highText ? lowText : nil
    }

    /// mid − rad rounded down, or mid + rad rounded up, as an exact ball of `bits` bits; `nil`
    /// when it overflows.
    private func endpoint(bits: Int, upper: Bool) -> Ball? {
        try? Ball(precision: bits) { (result: BallSlot) throws(EnclosureError) in
            try withSlot { (slot: BallSlot) throws(EnclosureError) in
                let radius = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 1)
                mpfr_init2(radius, 64)
                defer {
                    mpfr_clear(radius)
                    radius.deallocate()
                }
                slot.rad.pointee.write(to: radius)
                if upper {
                    mpfr_add(result.mid, slot.mid, radius, MPFR_RNDU)
                } else {
                    mpfr_sub(result.mid, slot.mid, radius, MPFR_RNDD)
                }
                guard cgmp_mpfr_is_number(result.mid) != 0 else { throw .overflow }
            }
        }
    }

    /// The midpoint's sign: −1, 0 or 1.
    private var midpointSign: Int32 { withSlot { slot in cgmp_mpfr_sgn(slot.mid).signum() } }

    /// The midpoint's binary exponent (`x = m·2^e` with 1/2 ≤ |m| < 1), `nil` for zero.
    private var binaryExponent: Int? {
        withSlot { slot in cgmp_mpfr_is_regular(slot.mid) != 0 ? Int(cgmp_mpfr_get_exp(slot.mid)) : nil }
    }
}
