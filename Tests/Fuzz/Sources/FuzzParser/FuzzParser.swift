import Symbolic

/// libFuzzer's entry point for the `parser` target: the expression parser on arbitrary bytes,
/// read as UTF-8 (invalid sequences become U+FFFD). Any input must give an `Expr` or a
/// `ParseError`, never a crash, a hang or a leak.
///
/// Each input is parsed twice: once as `derivcheck eval` does (no identifier is a model name),
/// and once with every valid identifier a name, as a fixture with many names does, which is the
/// path that splits `dA/dB` into a derivative.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    _ = try? Parser.parse(text)
    _ = try? Parser.parse(text, isName: { Parser.isName($0) })
    return 0
}
