import Fixture

/// libFuzzer's entry point for the `fixture` target: the fixture reader on arbitrary bytes.
/// Every input must give a fixture or positioned errors; never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFixture(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? FixtureReader.read(bytes: Array(UnsafeBufferPointer(start: data, count: count)), file: "fuzz.deriv")
    return 0
}
