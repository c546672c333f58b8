/// Drawing: the laid-out diagram as SVG, edges under labels under nodes.
extension NetworkDiagram {
    private static let colours: [NodeKind: (fill: String, stroke: String)] = [
        .input: ("#e3efff", "#2b6cb0"), .hidden: ("#e6f6ea", "#2f855a"),
        .output: ("#fde8e6", "#c53030"), .bias: ("#fff6d9", "#b7791f"),
    ]

    /// The picture as SVG text.
    public var svg: String {
        var document = SVGDocument(width: width.rounded(.up), height: height.rounded(.up))
        document.text(title, x: Self.margin, y: Self.margin + 14, size: 16, weight: "bold", id: "title")
        if let subtitle { document.text(subtitle, x: Self.margin, y: Self.margin + 34, size: 12, fill: "#555") }
        document.beginGroup(id: "edges")
        for edge in edges {
            let a = nodes[edge.from]
            let b = nodes[edge.to]
            let (x1, y1) = Self.rim(of: a, towards: b)
            let (x2, y2) = Self.rim(of: b, towards: a)
            if edge.weight == nil {
                document.line(x1: x1, y1: y1, x2: x2, y2: y2, stroke: "#c99a3a", strokeWidth: 1.2, dash: "5 4")
            } else {
                document.line(x1: x1, y1: y1, x2: x2, y2: y2, stroke: "#8a8f98", strokeWidth: 1.3)
            }
        }
        document.endGroup()
        document.beginGroup(id: "weights")
        for label in labels {
            document.rect(
                x: label.box.x, y: label.box.y, width: label.box.width, height: label.box.height,
                fill: "white", stroke: "#d5d8dd", strokeWidth: 0.8, cornerRadius: 3)
            document.text(
                label.text, x: label.box.x + label.box.width / 2,
                y: label.box.y + label.box.height / 2 + Self.labelFontSize * 0.35,
                size: Self.labelFontSize, anchor: .middle, fill: "#1a202c", id: "label-\(label.weight)")
        }
        document.endGroup()
        document.beginGroup(id: "nodes")
        for node in nodes {
            let colour = Self.colours[node.kind] ?? ("white", "black")
            document.circle(
                cx: node.x, cy: node.y, r: node.radius, fill: colour.fill, stroke: colour.stroke,
                id: "node-\(node.name)")
            let size = min(14, 2 * node.radius * 0.85 / (0.6 * Double(max(node.name.count, 1))))
            document.text(
                node.name, x: node.x, y: node.y + size * 0.35, size: size, anchor: .middle, fill: "#1a202c",
                weight: "bold")
            if let note = node.note, let box = node.noteBox {
                document.text(note, x: box.x, y: box.y + 12, size: Self.noteFontSize, fill: "#4a5568")
            }
        }
        document.endGroup()
        document.text(Self.caption, x: Self.margin, y: height - Self.margin + 6, size: 10, fill: "#718096")
        return document.rendered
    }

    static let caption = "weights numbered layer by layer, then receiving neuron, then sending neuron; dashed: bias"

    /// Where the segment from `a`'s centre towards `b` leaves `a`'s circle.
    private static func rim(of a: Node, towards b: Node) -> (Double, Double) {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return (a.x, a.y) }
        return (a.x + dx / length * a.radius, a.y + dy / length * a.radius)
    }
}
