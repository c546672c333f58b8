import Testing

@testable import Scan

/// What the translator must skip rather than guess, each with a reason a person can act on.
struct SkippedMathTests {
    @Test(arguments: [
        ("\\sum \\frac{1}{2}(target - output)^2", "\\sum"),
        ("\\left(\\sum_o \\delta_o * w_{ho} \\right) * out_{h1}(1 - out_{h1}) * i_1", "\\sum"),
        ("(t_1 - o_1)^2 + \\dots + (t_n - o_n)^2", "ellipsis"),
        ("x_1 + \\ldots + x_n", "ellipsis"),
        ("x_1 + ... + x_n", "ellipsis"),
        ("\\int_0^1 f", "integral"),
        ("f'(net)", "prime"),
        ("0,25 * 0,10", "decimal comma"),
        ("\\hat{y}", "\\hat"),
        ("\\frac{d}{dx} x^2", "operator"),
        ("\\frac{\\partial^2 E}{\\partial w^2}", "higher derivative"),
        ("a^2^3", "power of a power"),
        ("x^{0.5}", "whole number"),
    ])
    func skipped(_ snippet: (String, String)) {
        guard case .failure(let reason) = ScanSupport.read(snippet.0) else {
            Issue.record("'\(snippet.0)' was read, not skipped")
            return
        }
        #expect(reason.message.contains(snippet.1), "\(reason.message)")
    }

    /// Names the model does not have are skipped with the model given (`w_{ho}`, `δ`, a word).
    @Test(arguments: [
        ("$$E_{total} = \\frac{1}{2} w_{ho}^2$$", "unknown name 'w_{ho}'"),
        ("$$\\delta_{o1} = 0.138498562$$", "unknown name 'δ_{o1}'"),
        ("$$f(net_{h1}) = 0.5$$", "unknown function 'f'"),
        ("$$the error = 0.5$$", "unknown name"),
    ])
    func unknownNames(_ post: (String, String)) throws {
        let outcome = try DocumentScanner.scan(text: post.0, file: "p.md", model: ScanSupport.tutorial)
        #expect(outcome.claims.isEmpty)
        #expect(outcome.skipped.contains { $0.reason.contains(post.1) }, "\(outcome.skipped)")
    }

    /// A segment that nests past the limit is skipped, not read by deep recursion.
    @Test func deepNestingIsSkipped() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        guard case .failure(let reason) = ScanSupport.read(deep) else {
            Issue.record("read")
            return
        }
        #expect(reason.message.contains("nested"))
    }

    /// Prose is not math: words between dollar signs that are prices stay text.
    @Test func pricesAreNotMath() throws {
        let outcome = try DocumentScanner.scan(text: "It costs $5 and $10 = 2 coffees.", file: "p.md", model: nil)
        #expect(outcome.steps.isEmpty && outcome.skipped.isEmpty)
    }
}
