/// The binary format whose printing a `floating` number is (fixture format, version 2).
public enum FloatingFormat: String, Sendable, Hashable {
    case binary64
    case binary32
}
