/// A small writer of plain SVG text: shapes and text appended in drawing order, every attribute
/// value escaped, numbers written with at most two decimals so the output reads the same everywhere.
public struct SVGDocument: Sendable {
    public var width: Double
    public var height: Double
    /// The font every text element uses unless it names another; a monospaced one, so that
    /// layouts can measure text as `characters × 0.6 × size`.
    public var fontFamily: String
    private var body: [String] = []

    public init(width: Double, height: Double, fontFamily: String = "DejaVu Sans Mono, Menlo, Consolas, monospace") {
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
    }

    /// The estimated width of `text` in the document's monospaced font.
    public static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.6 * fontSize
    }

    public mutating func comment(_ text: String) {
        body.append("<!-- \(text.replacingOccurrences(of: "--", with: "- -")) -->")
    }

    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1, cornerRadius: Double = 0, id: String? = nil
    ) {
        var attributes: [(String, String)] = [
            ("x", Self.number(x)), ("y", Self.number(y)),
            ("width", Self.number(width)), ("height", Self.number(height)),
        ]
        if cornerRadius > 0 { attributes.append(("rx", Self.number(cornerRadius))) }
        attributes.append(("fill", fill))
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", Self.number(strokeWidth))] }
        if let id { attributes.insert(("id", id), at: 0) }
        element("rect", attributes)
    }

    public mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String, stroke: String, strokeWidth: Double = 1.5, id: String? = nil
    ) {
        var attributes: [(String, String)] = [
            ("cx", Self.number(cx)), ("cy", Self.number(cy)), ("r", Self.number(r)),
            ("fill", fill), ("stroke", stroke), ("stroke-width", Self.number(strokeWidth)),
        ]
        if let id { attributes.insert(("id", id), at: 0) }
        element("circle", attributes)
    }

    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double = 1,
        dash: String? = nil, markerEnd: String? = nil
    ) {
        var attributes: [(String, String)] = [
            ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)),
            ("y2", Self.number(y2)), ("stroke", stroke), ("stroke-width", Self.number(strokeWidth)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        if let markerEnd { attributes.append(("marker-end", "url(#\(markerEnd))")) }
        element("line", attributes)
    }

    /// An open polyline through `points`.
    public mutating func polyline(
        _ points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 1.5, dash: String? = nil
    ) {
        guard !points.isEmpty else { return }
        var attributes: [(String, String)] = [
            ("points", points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(strokeWidth)),
            ("stroke-linejoin", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("polyline", attributes)
    }

    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    /// Text whose baseline passes through `y`; `superscript` is raised after `text` (for `10⁻³` on a log axis).
    public mutating func text(
        _ text: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, fill: String = "#222",
        weight: String? = nil, rotation: Double? = nil, superscript: String? = nil, id: String? = nil
    ) {
        var attributes: [(String, String)] = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)),
        ]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        attributes.append(("fill", fill))
        if let weight { attributes.append(("font-weight", weight)) }
        if let rotation {
            attributes.append(("transform", "rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))"))
        }
        if let id { attributes.insert(("id", id), at: 0) }
        var content = Self.escaped(text)
        if let superscript {
            content +=
                "<tspan dy=\"\(Self.number(-size * 0.45))\" "
                + "font-size=\"\(Self.number(size * 0.75))\">\(Self.escaped(superscript))</tspan>"
        }
        body.append("<text" + Self.attributeText(attributes) + ">" + content + "</text>")
    }

    /// Starts a group (`<g>`); close it with `endGroup()`.
    public mutating func beginGroup(id: String? = nil, clipPath: String? = nil) {
        var attributes: [(String, String)] = []
        if let id { attributes.append(("id", id)) }
        if let clipPath { attributes.append(("clip-path", "url(#\(clipPath))")) }
        body.append("<g" + Self.attributeText(attributes) + ">")
    }

    public mutating func endGroup() { body.append("</g>") }

    /// A rectangular clip path named `id`.
    public mutating func clipRect(id: String, x: Double, y: Double, width: Double, height: Double) {
        body.append(
            "<defs><clipPath id=\"\(Self.escaped(id))\"><rect x=\"\(Self.number(x))\" "
                + "y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
                + "height=\"\(Self.number(height))\"/></clipPath></defs>"
        )
    }

    /// The complete document, with an XML declaration and a white background.
    public var rendered: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" "
                + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
                + "font-family=\"\(Self.escaped(fontFamily))\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        ]
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body.append("<\(name)" + Self.attributeText(attributes) + "/>")
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    /// `&`, `<`, `>`, `"` and `'` as entities.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// At most two decimals, no trailing zeros, no `-0`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int(abs(hundredths))
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = "\(whole)"
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return (negative ? "-" : "") + text
    }
}
