import Foundation
import Testing

@testable import Exact

/// MPFR's thread-local caches are freed when a thread that did ball arithmetic exits.
@Suite("MPFR thread caches")
struct MPFRThreadCacheTests {
    /// e to 60 digits at 256 bits: MPFR's `exp` (above the 128-bit fixed-point range), which
    /// fills the thread's caches (log 2 and the integer pool).
    static func eDigits() -> String? {
        (try? Ball(Rational(1), precision: 256).applying(.exp))?.formatted(significantDigits: 60)
    }

    /// Regression (scripts/sanitize, LeakSanitizer): the caches of a thread that exited stayed
    /// allocated — "Direct leak … __gmp_default_allocate … libmpfr.so" — from the test harness's
    /// and Dispatch's worker threads. Here the thread is ours and exits at once; under
    /// LeakSanitizer the test fails the run if its caches leak.
    @Test func aThreadThatExitsFreesItsCaches() async {
        let digits: String? = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Self.eDigits()) }.start()
        }
        #expect(digits == "2.71828182845904523536028747135266249775724709369995957496697")
    }
}
