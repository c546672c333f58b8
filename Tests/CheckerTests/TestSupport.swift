import Checker
import Fixture
import Foundation
import Testing

/// Where the tests find their data: this directory's `Resources/`, and the package root three
/// levels up from a test file (for `Fixtures/`).
enum TestPaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let resources = testsDirectory.appendingPathComponent("Resources")
    static let networks = resources.appendingPathComponent("networks")
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let symbolicResources = packageRoot.appendingPathComponent("Tests/SymbolicTests/Resources")

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// A tab-separated file without its header line.
    static func tsv(_ url: URL) throws -> [[String]] {
        try text(url).split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Reads and checks a fixture of the package (`Fixtures/…`) under its relative name.
    static func check(packageFile relative: String) throws -> FileReport {
        let fixture = try FixtureReader.read(text: text(packageRoot.appendingPathComponent(relative)), file: relative)
        return try FixtureChecker().check(fixture)
    }
}

/// Decimal strings compared digit by digit, independent of the code under test.
enum Digits {
    /// The value of a decimal string (`-0.0123`, `5.93e-1`, `1.2E+3`) as its significant digits
    /// (no leading zeros) and the power of ten of the first one; `nil` for zero.
    static func parse(_ text: String) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = (whole + fraction).compactMap { $0.wholeNumberValue.map(UInt8.init) }
        let leading = digits.prefix(while: { $0 == 0 }).count
        guard leading < digits.count else { return nil }
        digits.removeFirst(leading)
        return (negative, digits, exponent + whole.count - 1 - leading)
    }

    /// `n` significant digits, rounded half up, as `-d.ddd…e±x` (or `0` for zero).
    static func rounded(_ text: String, significant n: Int) -> String {
        guard let parsed = parse(text) else { return "0" }
        let negative = parsed.negative
        var (digits, exponent) = (parsed.digits, parsed.exponent)
        if digits.count > n {
            let up = digits[n] >= 5
            digits = Array(digits.prefix(n))
            if up {
                var index = n - 1
                while index >= 0 {
                    if digits[index] == 9 {
                        digits[index] = 0
                        index -= 1
                    } else {
                        digits[index] += 1
                        break
                    }
                }
                if index < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        while digits.count < n { digits.append(0) }
        let mantissa = digits.map(String.init).joined()
        return (negative ? "-" : "") + mantissa.prefix(1) + "." + mantissa.dropFirst() + "e\(exponent)"
    }
}

extension ClaimResult {
    /// The sorted set of the explanations' mistake names.
    var explanationNames: [String] { Array(Set(explanations.map(\.name))).sorted() }
}

/// Fixture text the tests share.
enum TestFixtures {
    /// The tutorial's network as a `[network]` section (seven lines).
    static let tutorialNetwork = """
        [network]
        layers = 2 2 2
        inputs = 0.05 0.10
        targets = 0.01 0.99
        weights = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55
        biases = 0.35 0.60
        loss = half-squared
        """
}
