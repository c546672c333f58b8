import Exact
import Symbolic

/// One line of a fixture's `[claims]`: a number or a formula somebody claims for a quantity.
public struct Claim: Sendable {
    public enum Kind: Sendable {
        /// `QUANTITY = NUMBER`: the number's printed precision is part of the claim.
        case numeric(DecimalLiteral)
        /// `QUANTITY == EXPR`.
        case formula(Expr)
    }

    public var line: Int
    public var quantity: Quantity
    public var kind: Kind
    /// The right-hand side exactly as written.
    public var printed: String
    /// The trailing `# comment`, if any.
    public var note: String?
    /// The label of the `[claims "label"]` group it belongs to (carried values stay inside a group).
    public var group: String?
    /// The column the claim starts at, where a reader knows it (a scanned post: where the judged
    /// number or the formula's segment starts); `nil` for a fixture's own claims.
    public var column: Int?
    /// The kind a report shows when it is not the claim's own `numeric` or `formula`: a scan's
    /// `substitution` (a number written in place of a name).
    public var reportedKind: String?
    /// A formula whose right side has the givens' values written in (a post's `-2(1 - y_{pred})`):
    /// judged at the model's givens only, not as an identity.
    public var atGivensOnly = false

    public init(
        line: Int, quantity: Quantity, kind: Kind, printed: String, note: String? = nil, group: String? = nil,
        column: Int? = nil, reportedKind: String? = nil
    ) {
        self.line = line
        self.quantity = quantity
        self.kind = kind
        self.printed = printed
        self.note = note
        self.group = group
        self.column = column
        self.reportedKind = reportedKind
    }

    public var literal: DecimalLiteral? {
        if case .numeric(let literal) = kind { return literal }
        return nil
    }
}
