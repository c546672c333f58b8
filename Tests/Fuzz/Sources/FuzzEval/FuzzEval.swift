import Symbolic

/// libFuzzer's entry point for the `eval` target: what `derivcheck eval EXPR` does with the
/// input read as UTF-8 — parse it, and when it parses to an expression without names, certify
/// it to 30 significant digits with balls (escalating the precision as `eval` does). Errors
/// (division by zero, log of a negative, an enclosure that never decides) are fine; a crash, a
/// hang or a leak is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let expression = try? Parser.parse(text), expression.names.isEmpty else { return 0 }
    _ = try? Model.empty.certify([expression], significantDigits: 30)
    return 0
}
