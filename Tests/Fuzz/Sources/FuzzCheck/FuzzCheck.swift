import Checker
import Fixture

/// The largest fixture, in names and claims, that is also checked: checking a claim runs the
/// model under every mistake, so only small fixtures keep an input well under libFuzzer's
/// one-second time-out. Training steps are capped for the same reason.
private let checkedNames = 32
private let checkedClaims = 4
private let checkedSteps = 2

/// Verdicts are certified up to 256 bits only, so one input cannot spend long escalating.
private let checker = FixtureChecker(escalation: .init(initial: 128, cap: 256), digits: 20)

/// libFuzzer's entry point for the `check` target: what `derivcheck check FILE` does with a
/// small fixture — read it and, when it reads, judge every claim. Every small fixture must give
/// a report or positioned errors; never a crash, a hang or a leak. About a hundred inputs a
/// second, so it complements the fast `fixture` target rather than replacing it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let fixture = try? FixtureReader.read(bytes: bytes, file: "fuzz.deriv"),
        fixture.model.allNames.count <= checkedNames, fixture.claims.count <= checkedClaims,
        fixture.claims.allSatisfy({ $0.quantity.step <= checkedSteps })
    else { return 0 }
    _ = try? checker.check(fixture)
    return 0
}
