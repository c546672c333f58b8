import Checker

extension ScanReport.Row {
    /// `check`'s claim object, with `line` the post's line, plus `column`, `kind` and `expression`.
    var json: JSONValue {
        var members: [(String, JSONValue)]
        if let claim, case .object(let base) = claim.json {
            members = base
        } else {
            members = [
                ("line", .number("\(line)")), ("quantity", .string(quantity)), ("kind", .string(kind)),
                ("printed", .string(printed)), ("verdict", .string(verdict.rawValue)),
            ]
            if let certifiedDigits { members.append(("exact", .string(certifiedDigits))) }
            if let double { members.append(("double", .string("\(double)"))) }
            if let doubleVerdict = step?.doubleVerdict {
                members.append(("double_verdict", .string(doubleVerdict.rawValue)))
            }
            members.append(("explanations", .array([])))
            if let precision = step?.precision { members.append(("precision_bits", .number("\(precision)"))) }
            if let note = step?.note { members.append(("note", .string(note))) }
        }
        members = members.map { $0.0 == "kind" ? ("kind", .string(kind)) : $0 }
        if let index = members.firstIndex(where: { $0.0 == "line" }) {
            members.insert(("column", .number("\(column)")), at: index + 1)
        }
        if let expression { members.append(("expression", .string(expression))) }
        return .object(members)
    }
}

extension ScanReport {
    /// `check`'s JSON report, plus `skipped` (and `model_missing` when no model was given).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("claims", .array(rows.map(\.json))),
            ("summary", .object(summary.map { ($0.0.rawValue, .number("\($0.1)")) })),
            (
                "skipped",
                .array(
                    skipped.map {
                        .object([
                            ("line", .number("\($0.line)")), ("column", .number("\($0.column)")),
                            ("text", .string($0.text)), ("reason", .string($0.reason)),
                        ])
                    })
            ),
        ]
        if modelMissing {
            members.append(("model_missing", .bool(true)))
            members.append(("note", .string(Self.modelMissingLine)))
        }
        return .object(members)
    }
}
