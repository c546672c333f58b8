/// Parses JSON text into `NotebookJSON` with an explicit stack of open containers.
struct NotebookParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1

    private enum Open {
        case array([NotebookJSON])
        case object([String: NotebookJSON], key: String?)
    }

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func failure(_ message: String) -> NotebookSyntaxError {
        NotebookSyntaxError(line: line, column: column, message: message)
    }

    mutating func step() {
        if index < scalars.count, scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func skipSpace() {
        while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { step() }
    }

    /// The whole text as one value.
    mutating func parse() throws(NotebookSyntaxError) -> NotebookJSON {
        var stack: [Open] = []
        while true {
            skipSpace()
            guard index < scalars.count else { throw failure("unexpected end of the file") }
            var value: NotebookJSON
            switch scalars[index] {
            case "{", "[":
                guard stack.count < NotebookJSON.depthLimit else { throw failure("nested too deeply") }
                stack.append(scalars[index] == "{" ? .object([:], key: nil) : .array([]))
                step()
                if let closed = try closeEmpty(&stack) {
                    value = closed
                } else {
                    if case .object = stack.last { try readKey(&stack) }
                    continue
                }
            case "\"": value = .string(try string())
            default: value = try literal()
            }
            while true {
                guard let top = stack.popLast() else {
                    skipSpace()
                    guard index == scalars.count else { throw failure("text after the JSON value") }
                    return value
                }
                guard let closed = try add(value, to: top, &stack) else { break }
                value = closed
            }
        }
    }

    /// `{}` or `[]` right after its opener: the empty container, popped.
    private mutating func closeEmpty(_ stack: inout [Open]) throws(NotebookSyntaxError) -> NotebookJSON? {
        skipSpace()
        guard index < scalars.count, let top = stack.last else { return nil }
        switch (top, scalars[index]) {
        case (.array, "]"):
            step()
            stack.removeLast()
            return .array([])
        case (.object, "}"):
            step()
            stack.removeLast()
            return .object([:])
        default: return nil
        }
    }

    /// Reads `"key":` into the object on top of the stack.
    private mutating func readKey(_ stack: inout [Open]) throws(NotebookSyntaxError) {
        skipSpace()
        guard index < scalars.count, scalars[index] == "\"" else { throw failure("expected a key in quotes") }
        let key = String(String.UnicodeScalarView(try string().scalars))
        skipSpace()
        guard index < scalars.count, scalars[index] == ":" else { throw failure("expected ':' after a key") }
        step()
        guard case .object(let members, _)? = stack.popLast() else { return }
        stack.append(.object(members, key: key))
    }

    /// Puts `value` into `top`; returns the container when it closes, else pushes it back (`nil`).
    private mutating func add(_ value: NotebookJSON, to top: Open, _ stack: inout [Open]) throws(NotebookSyntaxError)
        -> NotebookJSON?
    {
        skipSpace()
        guard index < scalars.count else { throw failure("unexpected end of the file") }
        let next = scalars[index]
        step()
        switch top {
        case .array(var items):
            items.append(value)
            if next == "]" { return .array(items) }
            guard next == "," else { throw failure("expected ',' or ']'") }
            stack.append(.array(items))
        case .object(var members, let key):
            members[key ?? ""] = value
            if next == "}" { return .object(members) }
            guard next == "," else { throw failure("expected ',' or '}'") }
            stack.append(.object(members, key: nil))
            try readKey(&stack)
        }
        return nil
    }

    private mutating func literal() throws(NotebookSyntaxError) -> NotebookJSON {
        let start = index
        while index < scalars.count,
            scalars[index].properties.isAlphabetic || MathLexer.isDigit(scalars[index])
                || ["-", "+", "."].contains(scalars[index])
        {
            step()
        }
        guard index > start else { throw failure("expected a JSON value") }
        return .scalar
    }

    /// A string at `index` (on its opening quote), with its anchors.
    private mutating func string() throws(NotebookSyntaxError) -> NotebookJSON.Text {
        step()
        var text = NotebookJSON.Text()
        text.anchors.append(.init(offset: 0, line: line, column: column))
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" {
                step()
                return text
            }
            if scalar == "\\" {
                try escape(into: &text)
                text.anchors.append(.init(offset: text.scalars.count, line: line, column: column))
                continue
            }
            guard scalar != "\n" else { throw failure("a line break inside a string") }
            text.scalars.append(scalar)
            step()
        }
        throw failure("an unclosed string")
    }

    private mutating func escape(into text: inout NotebookJSON.Text) throws(NotebookSyntaxError) {
        step()
        guard index < scalars.count else { throw failure("an unclosed string") }
        let code = scalars[index]
        step()
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "n": "\n", "t": "\t", "r": "\r", "b": "\u{8}", "f": "\u{C}", "\"": "\"", "\\": "\\", "/": "/",
        ]
        if let value = simple[code] {
            text.scalars.append(value)
            return
        }
        guard code == "u", index + 4 <= scalars.count else { throw failure("a bad escape in a string") }
        let hex = String(String.UnicodeScalarView(scalars[index..<(index + 4)]))
        for _ in 0..<4 { step() }
        guard let number = UInt32(hex, radix: 16) else { throw failure("a bad \\u escape") }
        text.scalars.append(Unicode.Scalar(number) ?? "\u{FFFD}")
    }
}
