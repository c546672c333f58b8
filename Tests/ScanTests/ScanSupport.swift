import Exact
import Fixture
import Foundation

@testable import Scan

/// Paths and helpers the scan tests share.
enum ScanSupport {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let resources = testsDirectory.appendingPathComponent("Resources")
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The tutorial's model (`Fixtures/mazur-2015.deriv`).
    static let tutorial: ScanModel = {
        do {
            let url = packageRoot.appendingPathComponent("Fixtures/mazur-2015.deriv")
            return ScanModel(fixture: try FixtureReader.read(text: String(contentsOf: url, encoding: .utf8), file: "m"))
        } catch {
            preconditionFailure("the tutorial fixture reads: \(error)")
        }
    }()

    /// One segment of math, read with the tutorial's names.
    static func read(_ latex: String, model: ScanModel? = tutorial) -> Result<MathNode, SkipReason> {
        let scalars = Array(latex.unicodeScalars)
        let tokens = MathLexer.tokens(scalars, in: 0..<scalars.count)
        return Result { () throws(SkipReason) in
            try MathParser.parse(tokens, isModelName: { model?.isName($0) ?? false })
        }
    }

    /// The chains of a span of math, each segment's text as written.
    static func chains(_ latex: String, aligned: Bool = false) -> [[String]] {
        let scalars = Array(latex.unicodeScalars)
        let block = TextBlock(scalars: scalars)
        return ChainSplitter.chains(MathLexer.tokens(scalars, in: 0..<scalars.count), aligned: aligned).map { chain in
            chain.map { segment in block.text((segment.first?.start ?? 0)..<(segment.last?.end ?? 0)) }
        }
    }
}
