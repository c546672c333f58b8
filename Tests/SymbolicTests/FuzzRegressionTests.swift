import Exact
import Foundation
import Symbolic
import Testing

/// Inputs found by `scripts/fuzz-libfuzzer eval` (docs/reliability.md), each exactly as found,
/// with what `derivcheck eval` must make of it. Reference digits: mpmath at 100 digits.
@Suite("Fuzz regressions: eval")
struct FuzzRegressionTests {
    static func certified(_ text: String) throws -> String? {
        try Model.empty.certify([try Parser.parse(text)], significantDigits: 30).first?.digits
    }

    /// `(16)^1000000` (the fuzzer's 12-byte input) took 2.5 s, `1e100^1000000` over a minute:
    /// the digits were read from the ball's exact endpoints, integers or denominators of up to
    /// a hundred million digits. Far from 1 they are now read after scaling by a power of ten.
    @Test(arguments: [
        ("(16)^1000000", "9.60850730776984294039451539220e1204119"),
        ("1e100^1000000", "1.00000000000000000000000000000e100000000"),
        ("0.5^1000000", "1.01003405919803022470319728035e-301030"),
        ("(-3)^999999", "-5.99236705558581279346617214006e477120"),
        ("exp(1000000)", "3.03321539680208754508640214142e434294"),
    ])
    func hugeAndTinyPowersAreQuick(expression: String, digits: String) throws {
        let clock = ContinuousClock()
        var result: String?
        let elapsed = try clock.measure { result = try Self.certified(expression) }
        #expect(result == digits)
        #expect(elapsed < .seconds(5), "\(expression) took \(elapsed)")
    }
}
