import Checker

/// The colours of verdicts on a terminal: red for findings, yellow for warnings, cyan for
/// `floating`, green for the rest.
enum VerdictColour {
    static func coloured(_ text: String, _ verdict: Verdict?) -> String {
        guard let verdict else { return text }
        let code = verdict.isFinding ? "31" : verdict.isWarning ? "33" : verdict == .floating ? "36" : "32"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// `text` without its ANSI escape sequences: what a terminal shows.
    static func stripped(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
