import Symbolic

extension FixtureReader {
    /// `expression` with every name in the model's spelling (`net_{h1}` → `net_h1`), or `nil`
    /// after reporting each name that does not resolve. `text` is the expression as written and
    /// `column` where it starts, to point at the name. A name already reported unknown is not
    /// reported again: one error per cause, at its first use.
    mutating func resolvingNames(
        in expression: Expr, resolver: NameResolver, text: Substring, line: Int, column: Int, context: String
    ) -> Expr? {
        var failed = false
        var spellings: [String: String] = [:]
        let written = expression.names + expression.derivatives.flatMap { [$0.of, $0.by] }
        for name in written where spellings[name] == nil {
            switch resolver.resolve(name) {
            case .name(let resolved):
                spellings[name] = resolved
            case let problem:
                failed = true
                // `dE_total/dw9` with an unknown w9 reads as two names, dE_total and dw9: only the
                // unknown side of the derivative is the cause.
                if let quantity = Self.derivativeSide(name), resolver.isName(quantity) { continue }
                let unknown = Self.derivativeSide(name).map { (name: $0, problem: resolver.resolve($0)) }
                let at = text.range(of: name).map { text[..<$0.lowerBound].unicodeScalars.count } ?? 0
                let what = unknown == nil ? context : "(written '\(name)' in a derivative dA/dB)"
                reportUnknown(
                    unknown?.name ?? name, unknown?.problem ?? problem, line: line, column: column + at, context: what)
            }
        }
        guard !failed else { return nil }
        return expression.renamingNames { spellings[$0] ?? $0 }
    }

    /// One error for a name that does not resolve, at its first use; later uses are counted into it.
    mutating func reportUnknown(_ name: String, _ problem: NameResolution, line: Int, column: Int, context: String) {
        if let index = unknownNames[name] {
            otherUses[index, default: []].append(line)
            return
        }
        let message: String
        if case .ambiguous = problem {
            message = "ambiguous name '\(name)' \(context)\(problem.hint)"
        } else {
            message = "unknown name '\(name)' \(context)\(problem.hint)"
        }
        unknownNames[name] = diagnostics.count
        error(line, column, message)
    }

    /// `X` for a name `dX` written where a derivative `dX/dY` was meant, if it has that shape.
    static func derivativeSide(_ name: String) -> String? {
        guard name.count > 1, name.hasPrefix("d") else { return nil }
        return String(name.dropFirst())
    }
}
