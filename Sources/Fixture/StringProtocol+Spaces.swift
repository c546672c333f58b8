extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: the scalars Foundation's
    /// `CharacterSet.whitespaces` holds (general category Zs, and U+0009), without the cost of
    /// bridging every line of a fixture through `NSString`.
    var trimmingSpaces: String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }),
            let last = scalars.lastIndex(where: { !$0.isSpace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A tab or a space separator (Unicode general category Zs).
    fileprivate var isSpace: Bool { self == "\t" || properties.generalCategory == .spaceSeparator }
}
