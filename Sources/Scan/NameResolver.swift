import Foundation

// STAND-IN: replace with `Fixture.NameResolver` (fixture-format version 2) when it lands on
// `main`; it has exactly this shape, so deleting this file is the whole switch.

/// Resolves a name as a post writes it (`net_{h1}`, `\text{net}_{h1}`, `neth1`) to the one model
/// name with the same normal form.
struct NameResolver: Sendable {
    private let names: Set<String>
    private var byNormalForm: [String: [String]] = [:]

    init(names: [String]) {
        self.names = Set(names)
        for name in names { byNormalForm[Self.normalForm(name), default: []].append(name) }
    }

    /// The model's spelling, or why there is none.
    func resolve(_ written: String) -> NameResolution {
        if names.contains(written) { return .name(written) }
        let matches = byNormalForm[Self.normalForm(written)] ?? []
        if matches.count == 1, let only = matches.first { return .name(only) }
        if matches.count > 1 { return .ambiguous(matches.sorted()) }
        return .unknown(suggestions: [])
    }

    /// Braces, `\text{…}`/`\mathrm{…}`/`\mathit{…}` wrappers and underscores removed, case kept.
    static func normalForm(_ written: String) -> String {
        var text = written
        for wrapper in ["\\text", "\\mathrm", "\\mathit"] { text = text.replacingOccurrences(of: wrapper, with: "") }
        return String(text.unicodeScalars.filter { $0 != "{" && $0 != "}" && $0 != "_" }.map(Character.init))
    }
}

/// What a written name resolves to.
enum NameResolution: Sendable, Equatable {
    /// The model's spelling (the name as written, or the one name with its normal form).
    case name(String)
    /// Several model names share the normal form.
    case ambiguous([String])
    /// No model name has it.
    case unknown(suggestions: [String])
}
