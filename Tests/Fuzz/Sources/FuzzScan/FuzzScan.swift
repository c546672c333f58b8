import Scan

/// libFuzzer's entry point for the `scan` target: `scan`'s readers and math reader on arbitrary
/// bytes, as Markdown, LaTeX, a notebook and plain text, with no model (step arithmetic only).
/// Every input must give a report or one error; never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScan(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for format in SourceFormat.allCases {
        _ = try? DocumentScanner.scan(bytes: bytes, file: "fuzz", format: format, model: nil)
    }
    return 0
}
