import Exact
import Fixture
import Symbolic

/// Turns chains of segments (and prose claims) into claims, steps and skips, in the post's order,
/// remembering which numbers the post printed as results (the operands that may be rounded).
struct ChainReader {
    let block: TextBlock
    let model: ScanModel?
    var outcome: ScanOutcome
    /// Results printed so far, without sign: `0.75136507`, `0.40`. A whole number (`1`, `3`) is
    /// never taken as rounded: tutorials print whole numbers when they are exact.
    var results: Set<String>

    /// One segment of a chain, read.
    struct Segment {
        var tokens: [MathToken]
        var node: MathNode?
        var reason: SkipReason?
        var start: Int { tokens.first?.start ?? 0 }
        var end: Int { tokens.last?.end ?? 0 }
        var isNumeric: Bool { node.map { $0.names.isEmpty } ?? false }
    }

    func segment(_ tokens: [MathToken]) -> Segment {
        let isName: (String) -> Bool = { [model] written in model?.isName(written) ?? false }
        do {
            return Segment(tokens: tokens, node: try MathParser.parse(tokens, isModelName: isName))
        } catch {
            return Segment(tokens: tokens, node: nil, reason: error)
        }
    }

    /// Reads one chain: steps, substitutions, formula and numeric claims.
    mutating func read(_ chain: ChainSplitter.Chain) {
        guard chain.count >= 2 else { return }
        let segments = chain.map(segment)
        for segment in segments { if let reason = segment.reason { skip(segment, reason) } }
        let quantity = quantity(of: segments[0])
        for index in segments.indices.dropFirst() {
            let current = segments[index]
            let previous = segments[index - 1]
            guard let node = current.node else { continue }
            if let literal = node.literal, index == segments.count - 1 {
                if let before = previous.node, previous.isNumeric, before.literal == nil {
                    addStep(before, literal, quantity: quantity)
                }
                if let quantity { addNumeric(quantity, literal) }
                results.insert(Self.unsigned(literal))
            } else if current.isNumeric {
                if node.literal == nil, let before = previous.node, !previous.isNumeric {
                    addSubstitutions(before, node)
                }
            } else if let quantity, let model {
                addFormula(quantity, current, after: previous, model: model)
            }
        }
    }

    static func unsigned(_ leaf: NumberLeaf) -> String {
        leaf.literal.text.hasPrefix("-") ? String(leaf.literal.text.dropFirst()) : leaf.literal.text
    }

    /// The quantity a chain is about: its first segment, when that is one of the model's names.
    private mutating func quantity(of first: Segment) -> Quantity? {
        guard let model, let node = first.node else { return nil }
        guard case .name(let leaf) = node else {
            for leaf in node.names {
                do { _ = try model.expr(leaf) } catch {
                    skip(first, error)
                    break
                }
            }
            return nil
        }
        do { return try model.quantity(leaf) } catch {
            skip(first, error)
            return nil
        }
    }

    mutating func skip(_ segment: Segment, _ reason: SkipReason) {
        let (line, column) = block.position(of: segment.start)
        let text = block.text(segment.start..<segment.end)
        let entry = SkippedMath(line: line, column: column, text: text, reason: reason.message)
        if outcome.skipped.last != entry { outcome.skipped.append(entry) }
    }

    private mutating func addStep(_ expression: MathNode, _ literal: NumberLeaf, quantity: Quantity?) {
        var rounded: [String: DecimalLiteral] = [:]
        let results = self.results
        let number = { (leaf: NumberLeaf) -> Expr in
            guard results.contains(Self.unsigned(leaf)), let place = leaf.literal.lastPlace, place < 0 else {
                return .constant(leaf.literal.value)
            }
            let name = "r\(rounded.count)"
            rounded[name] = leaf.literal
            return .name(name)
        }
        let unnamed = { (leaf: NameLeaf) throws(SkipReason) -> Expr in throw SkipReason("a name in a number") }
        guard let expr = try? expression.expr(name: unnamed, number: number) else { return }
        let (line, column) = block.position(of: literal.start)
        outcome.steps.append(
            ArithmeticStep(
                line: line, column: column, expression: expr, rounded: rounded, printed: literal.literal,
                text: expression.text, quantity: quantity?.description))
    }

    mutating func addNumeric(_ quantity: Quantity, _ literal: NumberLeaf, kind: String? = nil) {
        let (line, column) = block.position(of: literal.start)
        let claim = Claim(
            line: line, quantity: quantity, kind: .numeric(literal.literal), printed: literal.printed,
            note: "\(outcome.file):\(line):\(column)", column: column, reportedKind: kind)
        outcome.claims.append(claim)
        outcome.expressions.append(nil)
    }

    /// One claim per name leaf of `symbolic` that resolves, for the number in its place.
    private mutating func addSubstitutions(_ symbolic: MathNode, _ numeric: MathNode) {
        guard let model, let pairs = symbolic.substitutions(in: numeric) else { return }
        for (name, number) in pairs {
            guard let quantity = try? model.quantity(name) else { continue }
            addNumeric(quantity, number, kind: "substitution")
        }
    }

    private mutating func addFormula(
        _ quantity: Quantity, _ segment: Segment, after previous: Segment, model: ScanModel
    ) {
        guard let node = segment.node, model.allowsFormula(for: quantity) else { return }
        // Names and numbers mixed, the numbers where the segment before has names: the givens'
        // values substituted, judged at the givens only (method at-givens).
        let mixed =
            previous.node.map { before in
                !previous.isNumeric && !node.numbers.isEmpty && !(before.substitutions(in: node) ?? []).isEmpty
            } ?? false
        let expression: Expr
        do {
            expression = try node.expr(
                name: { (leaf: NameLeaf) throws(SkipReason) -> Expr in try model.expr(leaf) },
                number: { Expr.constant($0.literal.value) })
        } catch {
            skip(segment, error)
            return
        }
        let (line, column) = block.position(of: segment.start)
        var claim = Claim(
            line: line, quantity: quantity, kind: .formula(expression),
            printed: block.text(segment.start..<segment.end), note: "\(outcome.file):\(line):\(column)",
            column: column)
        claim.atGivensOnly = mixed
        outcome.claims.append(claim)
        outcome.expressions.append(node.text)
    }
}
