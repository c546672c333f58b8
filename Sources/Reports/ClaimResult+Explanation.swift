import Checker

extension ClaimResult {
    /// A mistake's detail for this claim: `carried` names the lines of the numbers it was computed from.
    func detail(of mistake: Mistake) -> String {
        guard mistake == .carried, !carriedFrom.isEmpty else { return mistake.detail }
        return "\(mistake.detail) (\(Self.lines(carriedFrom)))"
    }

    /// `line 33`, `lines 33, 41`.
    static func lines(_ lines: [Int]) -> String {
        (lines.count == 1 ? "line " : "lines ") + lines.map(String.init).joined(separator: ", ")
    }

    /// The explanations with each mistake named once and its details after it, in the order found:
    /// `miswired` with `w3 used for w1 …` and `w3 used for w2 …`.
    /// The quantity as a report shows it: after its group's label when it belongs to a
    /// `[claims "label"]` group (`[answer key B] E_total@1`), so every format names the group.
    var quantityText: String {
        (claim.group.map { "[\($0)] " } ?? "") + claim.quantity.description
    }

    var groupedExplanations: [(name: String, details: [String])] {
        var groups: [(name: String, details: [String])] = []
        for mistake in explanations {
            let detail = detail(of: mistake)
            if let index = groups.firstIndex(where: { $0.name == mistake.name }) {
                if !groups[index].details.contains(detail) { groups[index].details.append(detail) }
            } else {
                groups.append((mistake.name, [detail]))
            }
        }
        return groups
    }

    /// The mistakes that explain the claim, for a person: `sequential (hidden-layer gradients …)`
    /// (the `--wide` table's column).
    public var explanationText: String {
        if !explanations.isEmpty {
            return groupedExplanations.map { "\($0.name) (\($0.details.joined(separator: "; ")))" }
                .joined(separator: "; ")
        }
        if let closest {
            return
                "no mistake reproduces it; closest: \(closest.mistake.name) "
                + "(\(closest.mistake.detail)), \(closest.agreeingDigits) digits agree"
        }
        if verdict == .carried, !carriedFrom.isEmpty { return "carried from \(Self.lines(carriedFrom))" }
        if let floatingFormat { return "what \(floatingFormat.rawValue) arithmetic prints" }
        return method.note ?? ""
    }

    /// What the compact report says under the row: what the verdict means and what to do about
    /// it, with the mistakes that reproduce the number; `nil` for a row that needs no comment.
    public var advice: String? {
        let mistakes = groupedExplanations.map { "\($0.name): \($0.details.joined(separator: ", or "))" }
        let found = mistakes.joined(separator: "; ")
        switch verdict {
        case .exact: return nil
        case .consistent: return method.note
        case .equal:
            if case .equivalence(.numeric) = method { return method.note }
            return nil
        case .truncated: return Self.joined("cut toward zero, not rounded: round the last printed digit", found)
        case .lastDigit:
            return Self.joined("one unit off in the last printed place: check that digit's rounding", found)
        case .carried:
            let source =
                carriedFrom.isEmpty ? "the fixture's own rounded numbers" : "the numbers on \(Self.lines(carriedFrom))"
            return "what \(source) give when used as inputs: carry more digits through the computation"
        case .floating:
            let format = floatingFormat.map { "\($0.rawValue)" } ?? "Double"
            return "what \(format) arithmetic prints, within its rounding error of the true value: print fewer digits"
        case .wrong: return mistakes.isEmpty ? wrongWithoutMistake : found
        case .notEqual:
            return mistakes.isEmpty
                ? "the two sides differ (\(method.note ?? "")); no mistake tried makes them equal" : found
        case .undecided: return method.note
        }
    }

    private var wrongWithoutMistake: String {
        guard let closest else { return "no mistake tried reproduces it: recompute it (the exact value is beside it)" }
        return
            "no mistake reproduces it; nearest: \(closest.mistake.name) "
            + "(\(closest.mistake.detail)), \(closest.agreeingDigits) digits agree"
    }

    private static func joined(_ meaning: String, _ found: String) -> String {
        found.isEmpty ? meaning : "\(meaning); also \(found)"
    }
}
