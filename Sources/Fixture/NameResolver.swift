/// Finds the model's name behind a name as people write it (fixture format, version 2): a name
/// the model does not have resolves to the one model name with the same normal form, so
/// `net_{h1}`, `\text{net}_{h1}` and `neth1` are all `net_h1`. Shared by the fixture reader and
/// by `scan`, which reads names out of posts.
public struct NameResolver: Sendable {
    /// The model's names, each under its normal form.
    private let byNormalForm: [String: [String]]
    private let names: Set<String>
    private let ordered: [String]

    public init(names: [String]) {
        ordered = names
        self.names = Set(names)
        byNormalForm = Dictionary(grouping: names, by: Self.normalForm)
    }

    /// The name with braces, `\text{…}`/`\mathrm{…}`/`\mathit{…}` wrappers and underscores removed,
    /// case kept: `\text{net}_{h1}` → `neth1`.
    public static func normalForm(_ written: String) -> String {
        var text = written
        // Parsers ask about every identifier they meet: most have no backslash, and skip the search.
        if text.utf8.contains(UInt8(ascii: "\\")) {
            for wrapper in ["\\text", "\\mathrm", "\\mathit", "\\operatorname"] {
                text = text.replacingOccurrences(of: wrapper, with: "")
            }
        }
        return String(text.unicodeScalars.filter { !["{", "}", "_", " ", "\\"].contains($0) }.map(Character.init))
    }

    /// Whether `written` names exactly one of the model's names (without ranking suggestions).
    public func isName(_ written: String) -> Bool {
        names.contains(written) || byNormalForm[Self.normalForm(written)]?.count == 1
    }

    /// The model's spelling of `written`, or why there is none.
    public func resolve(_ written: String) -> NameResolution {
        if names.contains(written) { return .name(written) }
        let candidates = byNormalForm[Self.normalForm(written)] ?? []
        switch candidates.count {
        case 1: return .name(candidates[0])
        case 0: return .unknown(suggestions: suggestions(for: written))
        default: return .ambiguous(candidates)
        }
    }

    /// The model's names closest to `written` (by edit distance of their normal forms), closest
    /// first: the likely name always leads, and a short list is never cut before it.
    public func suggestions(for written: String, limit: Int = 5) -> [String] {
        let target = Self.normalForm(written).lowercased()
        // Names that begin as the written one does come first (`E` → `E_o1`, `E_total`), then by distance.
        let ranked = ordered.map { name -> (String, Int, Int) in
            let form = Self.normalForm(name).lowercased()
            return (name, form.hasPrefix(target) ? 0 : 1, Self.distance(Array(target), Array(form)))
        }
        .sorted { ($0.1, $0.2) < ($1.1, $1.2) }
        guard let best = ranked.first else { return [] }
        // Everything as close as the best is shown, however many there are; then up to `limit` in all.
        let ties = ranked.prefix { $0.1 == best.1 && $0.2 == best.2 }.count
        return ranked.prefix(max(limit, ties)).map(\.0)
    }

    /// Levenshtein distance, in one row of memory.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// What a written name stands for in a model.
public enum NameResolution: Sendable, Equatable {
    /// The model's own spelling.
    case name(String)
    /// Several model names share the written name's normal form.
    case ambiguous([String])
    /// No model name matches; the closest ones, closest first.
    case unknown(suggestions: [String])

    /// "did you mean `E_total`?", or a list of the closest, for an error message.
    public var hint: String {
        switch self {
        case .name: ""
        case .ambiguous(let names): "; it could be any of \(names.map { "'\($0)'" }.joined(separator: ", "))"
        case .unknown(let suggestions):
            suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
        }
    }
}
