import Exact
import Symbolic

/// A fully connected network drawn the way the tutorial draws it: neurons in columns (inputs,
/// hidden layers, outputs), bias nodes on a row below, every weight's edge labelled with its name
/// and value. The layout is a model a test can inspect: `labels` holds each edge label's box,
/// placed so that no two overlap (the columns move apart until they fit).
public struct NetworkDiagram: Sendable {
    /// An axis-aligned rectangle.
    public struct Box: Sendable, Equatable, CustomStringConvertible {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        public init(centerX: Double, centerY: Double, width: Double, height: Double) {
            self.init(x: centerX - width / 2, y: centerY - height / 2, width: width, height: height)
        }

        public var maxX: Double { x + width }
        public var maxY: Double { y + height }

        /// Whether the interiors meet (boxes that only touch do not overlap).
        public func overlaps(_ other: Box) -> Bool {
            x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
        }

        public func insetBy(_ amount: Double) -> Box {
            Box(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
        }

        func offsetBy(_ dx: Double, _ dy: Double) -> Box { Box(x: x + dx, y: y + dy, width: width, height: height) }

        public var description: String { "(\(x), \(y), \(width)×\(height))" }
    }

    public enum NodeKind: String, Sendable {
        case input, hidden, output, bias
    }

    /// A neuron or a bias node.
    public struct Node: Sendable {
        public var name: String
        public var kind: NodeKind
        /// The column: 0 for the inputs; a bias node of layer `l` stands in column `l − 1`.
        public var column: Int
        public var x: Double
        public var y: Double
        public var radius: Double
        /// A value written beside the node (an input's value, an output's target, a bias's value).
        public var note: String?
        public var noteBox: Box?

        public var box: Box { Box(centerX: x, centerY: y, width: 2 * radius, height: 2 * radius) }
    }

    /// A connection: a weight (labelled) or a bias term (dashed, its value on the bias node).
    public struct Edge: Sendable {
        public var from: Int
        public var to: Int
        /// `w1`, …; nil for a bias edge.
        public var weight: String?
    }

    /// An edge's label: `w5 = 0.4`, centred on the edge at `fraction` of the way from the sender.
    public struct EdgeLabel: Sendable {
        public var weight: String
        public var text: String
        public var from: String
        public var to: String
        public var fraction: Double
        public var box: Box
    }

    public let network: Network
    public let title: String
    public let subtitle: String?
    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    public private(set) var labels: [EdgeLabel] = []
    public private(set) var width: Double = 0
    public private(set) var height: Double = 0
    /// The gaps the layout settled on.
    public private(set) var columnGap: Double = 0
    public private(set) var rowGap: Double = 0

    public static let nodeRadius = 22.0
    public static let labelFontSize = 12.0
    public static let noteFontSize = 12.0
    static let labelPadding = 3.0
    /// The least free space between a label and anything else.
    static let labelGap = 4.0
    static let margin = 24.0

    /// - Parameters:
    ///   - weightValues: the text of each weight's value, by name (`w1`); default: the network's own.
    ///   - biasValues: the text of each bias's value, by name (`b1`, `b_h1`); default: the network's own.
    public init(
        network: Network, weightValues: [String: String] = [:], biasValues: [String: String] = [:],
        title: String? = nil, subtitle: String? = nil
    ) {
        self.network = network
        self.title = title ?? "\(network.layers.map(String.init).joined(separator: "-")) network"
        self.subtitle = subtitle
        let weightTexts = (0..<network.weights.count).map { index in
            let name = "w\(index + 1)"
            return weightValues[name] ?? Self.decimalText(network.weights[index])
        }
        layOut(weightTexts: weightTexts, biasValues: biasValues)
    }

    /// The names of the bias nodes and the layer each feeds, in the fixture format's order.
    public static func biasNames(of network: Network) -> [(name: String, layer: Int, neuron: String?)] {
        guard network.biases != nil else { return [] }
        var names: [(String, Int, String?)] = []
        for layer in 1..<network.layers.count {
            if network.biasMode == .shared {
                names.append(("b\(layer)", layer, nil))
            } else {
                for neuron in network.neuronNames(layer: layer) { names.append(("b_\(neuron)", layer, neuron)) }
            }
        }
        return names
    }

    /// An exact decimal when the number has one of at most 12 places, else the fraction.
    public static func decimalText(_ value: Rational) -> String {
        for places in 0...12 where value.rounded(toPlace: -places) == value {
            return value.decimalString(places: places)
        }
        return value.description
    }

    // MARK: Layout

    private mutating func layOut(weightTexts: [String], biasValues: [String: String]) {
        let layers = network.layers
        let longest =
            weightTexts.enumerated().map {
                SVGDocument.textWidth("w\($0.offset + 1) = \($0.element)", fontSize: Self.labelFontSize)
            }.max() ?? 60
        var columnGap = max(240, 2 * longest + 2 * Self.nodeRadius + 40)
        var rowGap = 100.0
        for _ in 0..<60 {
            if place(
                layers: layers, weightTexts: weightTexts, biasValues: biasValues, columnGap: columnGap, rowGap: rowGap)
            {
                break
            }
            columnGap *= 1.12
            rowGap *= 1.06
        }
        normalise()
    }

    /// Places nodes and labels with these gaps; false when some label finds no free spot.
    private mutating func place(
        layers: [Int], weightTexts: [String], biasValues: [String: String], columnGap: Double, rowGap: Double
    ) -> Bool {
        self.columnGap = columnGap
        self.rowGap = rowGap
        nodes = []
        edges = []
        labels = []
        let indexOf = placeNeurons(layers: layers)
        placeBiases(biasValues: biasValues, tallest: Double(layers.max() ?? 1), indexOf: indexOf)
        let pending = connectWeights(layers: layers, weightTexts: weightTexts, indexOf: indexOf)
        return placeLabels(pending, indexOf: indexOf)
    }

    /// Places the neurons in columns, each centred on the tallest, with the inputs' values and the
    /// outputs' targets as notes; returns each neuron's node index by name.
    private mutating func placeNeurons(layers: [Int]) -> [String: Int] {
        let tallest = Double(layers.max() ?? 1)
        var indexOf: [String: Int] = [:]
        for (layer, count) in layers.enumerated() {
            let kind: NodeKind = layer == 0 ? .input : layer == layers.count - 1 ? .output : .hidden
            for (position, name) in network.neuronNames(layer: layer).enumerated() {
                let y = (Double(position) + (tallest - Double(count)) / 2) * rowGap
                var node = Node(
                    name: name, kind: kind, column: layer, x: Double(layer) * columnGap, y: y, radius: Self.nodeRadius)
                if kind == .input, position < network.inputs.count {
                    let note = Self.decimalText(network.inputs[position])
                    let width = SVGDocument.textWidth(note, fontSize: Self.noteFontSize)
                    node.note = note
                    node.noteBox = Box(x: node.x - Self.nodeRadius - 8 - width, y: y - 9, width: width, height: 16)
                } else if kind == .output, let targets = network.targets, position < targets.count {
                    let note = "target " + Self.decimalText(targets[position])
                    let width = SVGDocument.textWidth(note, fontSize: Self.noteFontSize)
                    node.note = note
                    node.noteBox = Box(x: node.x + Self.nodeRadius + 8, y: y - 9, width: width, height: 16)
                }
                indexOf[name] = nodes.count
                nodes.append(node)
            }
        }
        return indexOf
    }

    /// Places the bias nodes, with their values as notes, and their dashed edges to the neurons they feed.
    private mutating func placeBiases(biasValues: [String: String], tallest: Double, indexOf: [String: Int]) {
        // Bias nodes: on rows below the tallest column, in the column before the layer they feed.
        let biasTop = (tallest - 1) * rowGap + max(rowGap, 90)
        var rowInColumn: [Int: Int] = [:]
        for (index, bias) in Self.biasNames(of: network).enumerated() {
            let column = bias.layer - 1
            let row = rowInColumn[column, default: 0]
            rowInColumn[column] = row + 1
            let y = biasTop + Double(row) * 70
            let value = biasValues[bias.name] ?? network.biases.map { Self.decimalText($0[index]) } ?? ""
            let x = Double(column) * columnGap + (network.biasMode == .shared ? 0 : columnGap * 0.18)
            let width = SVGDocument.textWidth(value, fontSize: Self.noteFontSize)
            let noteBox = Box(x: x + Self.nodeRadius + 8, y: y - 9, width: width, height: 16)
            nodes.append(
                Node(
                    name: bias.name, kind: .bias, column: column, x: x, y: y, radius: Self.nodeRadius, note: value,
                    noteBox: noteBox))
            let biasIndex = nodes.count - 1
            let receivers = bias.neuron.map { [$0] } ?? network.neuronNames(layer: bias.layer)
            for receiver in receivers {
                if let to = indexOf[receiver] { edges.append(Edge(from: biasIndex, to: to, weight: nil)) }
            }
        }
    }

    /// A weight's label still to be placed: its text, its edge, and where its sender stands among
    /// the receiver's senders (which sets the label's preferred spot).
    private struct PendingLabel {
        var weight: String
        var text: String
        var sender: String
        var receiver: String
        var position: Int
        var senders: Int
    }

    /// Adds the weights' edges and returns their labels, to be placed once every edge is known.
    private mutating func connectWeights(layers: [Int], weightTexts: [String], indexOf: [String: Int])
        -> [PendingLabel]
    {
        // Weights as the network numbers them (by receiver or by sender).
        var pending: [PendingLabel] = []
        for layer in 1..<layers.count {
            let senders = network.neuronNames(layer: layer - 1)
            for (receiverIndex, receiver) in network.neuronNames(layer: layer).enumerated() {
                for (position, sender) in senders.enumerated() {
                    let weight = network.weightName(layer: layer, receiver: receiverIndex, sender: position)
                    let weightIndex = Int(weight.dropFirst()) ?? 0
                    guard let from = indexOf[sender], let to = indexOf[receiver] else { continue }
                    edges.append(Edge(from: from, to: to, weight: weight))
                    let text = "\(weight) = \(weightIndex <= weightTexts.count ? weightTexts[weightIndex - 1] : "?")"
                    pending.append(
                        PendingLabel(
                            weight: weight, text: text, sender: sender, receiver: receiver, position: position,
                            senders: senders.count))
                }
            }
        }
        return pending
    }

    /// An edge as a segment between its nodes' centres, with its weight (nil for a bias edge).
    private typealias Segment = (a: Node, b: Node, weight: String?)

    /// Places the labels in order; false when one finds no free spot.
    private mutating func placeLabels(_ pending: [PendingLabel], indexOf: [String: Int]) -> Bool {
        // Each label goes where it overlaps nothing placed so far, preferring its staggered spot
        // and spots that no other edge crosses (so it reads as the label of its own edge).
        var obstacles: [Box] = nodes.map { $0.box.insetBy(-4) } + nodes.compactMap(\.noteBox)
        let segments: [Segment] = edges.map { (a: nodes[$0.from], b: nodes[$0.to], weight: $0.weight) }
        for item in pending {
            guard let from = indexOf[item.sender], let to = indexOf[item.receiver] else { continue }
            guard
                let placed = bestLabel(
                    for: item, from: nodes[from], to: nodes[to], avoiding: obstacles, segments: segments)
            else { return false }
            labels.append(placed)
            obstacles.append(placed.box)
        }
        return true
    }

    /// The best free spot for a label on the edge from `a` to `b`: clear of every obstacle, crossed
    /// by as few other edges as possible, near its preferred spot; nil when no spot is clear.
    private func bestLabel(
        for item: PendingLabel, from a: Node, to b: Node, avoiding obstacles: [Box], segments: [Segment]
    ) -> EdgeLabel? {
        let size = (
            width: SVGDocument.textWidth(item.text, fontSize: Self.labelFontSize) + 2 * Self.labelPadding,
            height: Self.labelFontSize + 2 * Self.labelPadding + 1
        )
        let preferred = Self.preferredFraction(sender: item.position, of: item.senders)
        var best: (score: Double, label: EdgeLabel)?
        for fraction in Self.candidateFractions(around: preferred) {
            let box = Box(
                centerX: a.x + fraction * (b.x - a.x), centerY: a.y + fraction * (b.y - a.y),
                width: size.width, height: size.height)
            let spaced = box.insetBy(-Self.labelGap)
            if obstacles.contains(where: { $0.overlaps(spaced) }) { continue }
            // A crossing weight edge misleads more than a crossing (dashed, coloured) bias edge.
            let crossings = segments.filter {
                $0.weight != item.weight && Self.segment(from: ($0.a.x, $0.a.y), to: ($0.b.x, $0.b.y), crosses: box)
            }
            .reduce(0.0) { $0 + ($1.weight == nil ? 0.25 : 1) }
            let score = crossings + abs(fraction - preferred) * 6
            if best.map({ score < $0.score }) ?? true {
                best = (
                    score,
                    EdgeLabel(
                        weight: item.weight, text: item.text, from: item.sender, to: item.receiver,
                        fraction: fraction, box: box)
                )
            }
        }
        return best?.label
    }

    /// Whether the segment from `p` to `q` passes through `box` (Liang–Barsky clipping).
    static func segment(from p: (Double, Double), to q: (Double, Double), crosses box: Box) -> Bool {
        let dx = q.0 - p.0
        let dy = q.1 - p.1
        var low = 0.0
        var high = 1.0
        for (direction, distance) in [
            (-dx, p.0 - box.x), (dx, box.maxX - p.0), (-dy, p.1 - box.y), (dy, box.maxY - p.1),
        ] {
            if direction == 0 {
                if distance < 0 { return false }
                continue
            }
            let t = distance / direction
            if direction < 0 { low = max(low, t) } else { high = min(high, t) }
            if low > high { return false }
        }
        return true
    }

    /// Staggered by sender: the first sender's labels nearer the sender, the last's nearer the receiver.
    static func preferredFraction(sender: Int, of count: Int) -> Double {
        guard count > 1 else { return 0.5 }
        let spread = min(0.44, 0.2 * Double(count - 1))
        return 0.5 - spread / 2 + spread * Double(sender) / Double(count - 1)
    }

    /// The preferred fraction first, then others ever farther from it, within the edge's middle.
    static func candidateFractions(around preferred: Double) -> [Double] {
        var result = [preferred]
        for step in 1...30 {
            for sign in [1.0, -1.0] {
                let fraction = preferred + sign * Double(step) * 0.025
                if fraction >= 0.14, fraction <= 0.86 { result.append(fraction) }
            }
        }
        return result
    }

    /// Moves everything so the drawing starts at the margins, below the title, and sets the size.
    private mutating func normalise() {
        var boxes = nodes.map(\.box) + nodes.compactMap(\.noteBox) + labels.map(\.box)
        let titleHeight = subtitle == nil ? 40.0 : 60.0
        let minX = boxes.map(\.x).min() ?? 0
        let minY = boxes.map(\.y).min() ?? 0
        let dx = Self.margin - minX
        let dy = Self.margin + titleHeight - minY
        for index in nodes.indices {
            nodes[index].x += dx
            nodes[index].y += dy
            nodes[index].noteBox = nodes[index].noteBox?.offsetBy(dx, dy)
        }
        for index in labels.indices { labels[index].box = labels[index].box.offsetBy(dx, dy) }
        boxes = nodes.map(\.box) + nodes.compactMap(\.noteBox) + labels.map(\.box)
        let titleWidth = max(
            SVGDocument.textWidth(title, fontSize: 16), SVGDocument.textWidth(subtitle ?? "", fontSize: 12),
            SVGDocument.textWidth(Self.caption, fontSize: 10))
        width = max((boxes.map(\.maxX).max() ?? 0) + Self.margin, titleWidth + 2 * Self.margin)
        height = (boxes.map(\.maxY).max() ?? 0) + Self.margin + 22
    }
}
