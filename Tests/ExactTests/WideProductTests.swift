import Testing

@testable import Exact

/// `UInt128.wideProduct` against the standard library's `multipliedFullWidth(by:)`.
@Suite("Wide product")
struct WideProductTests {
    @Test func agreesWithTheStandardLibrary() {
        var random = SplitMix64(seed: 0x5EED_128)
        let edges: [UInt128] = [0, 1, UInt128(UInt64.max), UInt128(UInt64.max) << 64, .max, .max - 1, 1 << 127]
        var values = edges
        for _ in 0..<2000 { values.append(UInt128(random.next()) << 64 | UInt128(random.next())) }
        for (index, a) in values.enumerated() {
            for b in edges + [values[(index * 7 + 3) % values.count]] {
                let expected = a.multipliedFullWidth(by: b)
                let product = a.wideProduct(b)
                #expect(product.high == expected.high && product.low == expected.low, "\(a) × \(b)")
            }
        }
    }
}
