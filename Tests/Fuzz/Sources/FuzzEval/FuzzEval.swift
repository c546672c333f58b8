import Exact
import Symbolic

/// libFuzzer's entry point for the `eval` target: what `derivcheck eval EXPR` does with the
/// input read as UTF-8 — parse it, and when it parses to an expression without names, certify
/// it to 30 significant digits with balls (escalating the precision as `eval` does). Errors
/// (division by zero, log of a negative, an enclosure that never decides) are fine; a crash, a
/// hang or a leak is not. The double-double tier is held to MPFR's: where both return a ball,
/// the two must overlap, as two enclosures of one number do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let expression = try? Parser.parse(text), expression.names.isEmpty else { return 0 }
    _ = try? Model.empty.certify([expression], significantDigits: 30)
    guard let quick = try? Model.empty.evaluate([expression], on: DoubleDoubleRegisters.init(count:)).first,
        let wide = try? Model.empty.evaluate([expression], on: { BallRegisters(count: $0, precision: 512) }).first
    else { return 0 }
    // The difference's ball holds 0 whenever the two overlap (its radius is the sum of theirs, rounded up).
    if let gap = try? quick.ball - wide, let sign = gap.sign, sign != 0 {
        fatalError("double-double \(quick.ball) misses MPFR's \(wide) for \(text)")
    }
    return 0
}
