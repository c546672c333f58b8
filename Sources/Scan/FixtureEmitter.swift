import Fixture
import Symbolic

/// Writes the fixture that `check` judges the way `scan` did: the model and training of
/// `--fixture` (its own claims left out) and one claim per numeric or formula claim the scan
/// found, each noted with where it stands in the post.
public enum FixtureEmitter {
    /// `source` is the text of `--fixture`; `post` the scanned file's name, for the header.
    public static func text(source: String, claims: [Claim], post: String) -> String {
        var lines = [
            "# Written by `derivcheck scan \(post)`: the model and training of the fixture it was given,",
            "# and every claim the scan found in the post, noted with the post's line and column.", "",
        ]
        var inClaims = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpacesAndTabs
            if trimmed.hasPrefix("[") { inClaims = trimmed.hasPrefix("[claims") }
            if !inClaims { lines.append(String(line)) }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        lines += ["", "[claims]"]
        let printer = ExprPrinter()
        // A formula judged at the givens only has no form in the fixture format: it is left out.
        for claim in claims where !claim.atGivensOnly {
            let body: String
            switch claim.kind {
            case .numeric(let literal): body = "\(claim.quantity) = \(literal.text)"
            case .formula(let expression): body = "\(claim.quantity) == \(printer(expression))"
            }
            let kind = claim.reportedKind.map { " (\($0))" } ?? ""
            lines.append("\(body)    # \(post):\(claim.line):\(claim.column ?? 1)\(kind)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Substring {
    var trimmingSpacesAndTabs: Substring {
        drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" })
    }
}
