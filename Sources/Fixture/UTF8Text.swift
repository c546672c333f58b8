/// Text read from bytes that must be UTF-8, for the readers of fixtures and of posts.
public enum UTF8Text {
    /// The first byte that is not UTF-8, by line and column (columns count scalars from 1).
    public struct InvalidByte: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    /// The bytes' scalars, or where the first invalid byte is.
    public static func scalars(of bytes: [UInt8]) -> Result<String.UnicodeScalarView, InvalidByte> {
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return .success(scalars)
            case .error:
                return .failure(InvalidByte(line: line, column: column))
            }
        }
    }
}
