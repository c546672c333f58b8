import Foundation

/// The loss of a training run on a log axis against the step, with the significant digits on
/// which `Double` still agrees with the certified loss on a second (right) axis.
public struct LossPlot: Sendable {
    /// One reading: the step, the loss (a `Double` near the certified value, for drawing) and
    /// the digits `Double` gets right.
    public struct Point: Sendable, Equatable {
        public var step: Int
        public var loss: Double
        public var agreeingDigits: Int

        public init(step: Int, loss: Double, agreeingDigits: Int) {
            self.step = step
            self.loss = loss
            self.agreeingDigits = agreeingDigits
        }
    }

    public var points: [Point]
    public var title: String
    public var lossName: String
    public let width = 900.0
    public let height = 540.0
    /// The plotting area inside the axes.
    public let plotLeft = 92.0, plotRight = 808.0, plotTop = 64.0, plotBottom = 468.0

    public init(points: [Point], title: String, lossName: String = "E_total") {
        self.points = points
        self.title = title
        self.lossName = lossName
    }

    /// The decades the left axis spans: `10^low … 10^high`.
    public var decades: (low: Int, high: Int) {
        let positive = points.map(\.loss).filter { $0 > 0 && $0.isFinite }
        guard let smallest = positive.min(), let largest = positive.max() else { return (-1, 0) }
        let low = Int(Foundation.floor(log10(smallest)))
        let high = Int(Foundation.ceil(log10(largest)))
        return (low, max(high, low + 1))
    }

    /// The last step shown on the horizontal axis.
    public var lastStep: Int { max(points.map(\.step).max() ?? 1, 1) }

    /// Top of the right axis: 17 significant digits is all a `Double` can show.
    public let maximumDigits = 17

    /// Tick positions along the step axis: multiples of 1, 2 or 5 times a power of ten, 4 to 10 of them.
    public var stepTicks: [Int] {
        let last = lastStep
        var unit = 1
        while true {
            for factor in [1, 2, 5] where last / (unit * factor) <= 10 {
                let size = unit * factor
                return stride(from: 0, through: last, by: size).map { $0 }
            }
            unit *= 10
        }
    }

    func x(step: Int) -> Double { plotLeft + Double(step) / Double(lastStep) * (plotRight - plotLeft) }

    func y(loss: Double) -> Double {
        let (low, high) = decades
        let position = (log10(loss) - Double(low)) / Double(high - low)
        return plotBottom - position * (plotBottom - plotTop)
    }

    func y(digits: Int) -> Double {
        plotBottom - Double(min(max(digits, 0), maximumDigits)) / Double(maximumDigits) * (plotBottom - plotTop)
    }

    static let lossColour = "#2b6cb0"
    static let digitsColour = "#dd6b20"

    /// The picture as SVG text.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        document.text(title, x: width / 2, y: 30, size: 17, anchor: .middle, weight: "bold", id: "title")
        drawGrid(into: &document)
        document.rect(
            x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop, fill: "none",
            stroke: "#4a5568")
        drawLossAxis(into: &document)
        drawDigitsAxis(into: &document)
        drawStepAxis(into: &document)
        drawCurves(into: &document)
        drawLegend(into: &document)
        return document.rendered
    }

    /// The grid: a line per decade with minor ticks between, and a line per step tick.
    private func drawGrid(into document: inout SVGDocument) {
        let (low, high) = decades
        document.beginGroup(id: "grid")
        for exponent in low...high {
            let level = y(loss: pow(10, Double(exponent)))
            document.line(x1: plotLeft, y1: level, x2: plotRight, y2: level, stroke: "#e2e8f0")
            if exponent < high {
                for multiple in 2...9 {
                    let minor = y(loss: Double(multiple) * pow(10, Double(exponent)))
                    document.line(
                        x1: plotLeft - 4, y1: minor, x2: plotLeft, y2: minor, stroke: "#4a5568", strokeWidth: 0.8)
                }
            }
        }
        for step in stepTicks {
            document.line(x1: x(step: step), y1: plotTop, x2: x(step: step), y2: plotBottom, stroke: "#edf2f7")
        }
        document.endGroup()
    }

    /// Left axis: the loss, one label per decade.
    private func drawLossAxis(into document: inout SVGDocument) {
        let (low, high) = decades
        document.beginGroup(id: "loss-axis")
        for exponent in low...high {
            let level = y(loss: pow(10, Double(exponent)))
            document.line(x1: plotLeft - 7, y1: level, x2: plotLeft, y2: level, stroke: "#4a5568")
            document.text(
                "10", x: plotLeft - 42, y: level + 5, size: 13, anchor: .start, fill: Self.lossColour,
                superscript: exponent == 0 ? "0" : (exponent < 0 ? "−\(-exponent)" : "\(exponent)"))
        }
        document.text(
            "loss \(lossName) (certified, log scale)", x: 28, y: (plotTop + plotBottom) / 2, size: 13, anchor: .middle,
            fill: Self.lossColour, rotation: -90)
        document.endGroup()
    }

    /// Right axis: agreeing digits, labelled every five and at the top.
    private func drawDigitsAxis(into document: inout SVGDocument) {
        document.beginGroup(id: "digits-axis")
        for digits in stride(from: 0, through: maximumDigits, by: 1) {
            let level = y(digits: digits)
            let major = digits % 5 == 0 || digits == maximumDigits
            document.line(x1: plotRight, y1: level, x2: plotRight + (major ? 7 : 4), y2: level, stroke: "#4a5568")
            if major { document.text("\(digits)", x: plotRight + 11, y: level + 5, size: 13, fill: Self.digitsColour) }
        }
        document.text(
            "significant digits Double agrees on", x: width - 28, y: (plotTop + plotBottom) / 2, size: 13,
            anchor: .middle,
            fill: Self.digitsColour, rotation: 90)
        document.endGroup()
    }

    /// Bottom axis: the step.
    private func drawStepAxis(into document: inout SVGDocument) {
        document.beginGroup(id: "step-axis")
        for step in stepTicks {
            document.line(x1: x(step: step), y1: plotBottom, x2: x(step: step), y2: plotBottom + 7, stroke: "#4a5568")
            document.text("\(step)", x: x(step: step), y: plotBottom + 23, size: 13, anchor: .middle)
        }
        document.text("training step", x: (plotLeft + plotRight) / 2, y: plotBottom + 50, size: 13, anchor: .middle)
        document.endGroup()
    }

    /// The curves, clipped to the plotting area: the loss, and the agreeing digits as a staircase.
    private func drawCurves(into document: inout SVGDocument) {
        document.clipRect(
            id: "plot-area", x: plotLeft, y: plotTop - 2, width: plotRight - plotLeft, height: plotBottom - plotTop + 4)
        document.beginGroup(id: "curves", clipPath: "plot-area")
        let drawn = points.filter { $0.loss > 0 && $0.loss.isFinite }
        document.polyline(drawn.map { (x(step: $0.step), y(loss: $0.loss)) }, stroke: Self.lossColour, strokeWidth: 2.2)
        var steps: [(x: Double, y: Double)] = []
        for (index, point) in points.enumerated() {
            let level = y(digits: point.agreeingDigits)
            if index > 0 { steps.append((x(step: point.step), steps[steps.count - 1].y)) }
            steps.append((x(step: point.step), level))
        }
        document.polyline(steps, stroke: Self.digitsColour, strokeWidth: 1.4)
        document.endGroup()
    }

    /// Legend, bottom left inside the plot, below where a falling loss curve runs.
    private func drawLegend(into document: inout SVGDocument) {
        let legend = ["certified loss \(lossName)", "digits of the Double loss that agree"]
        let legendWidth = (legend.map { SVGDocument.textWidth($0, fontSize: 12) }.max() ?? 0) + 52
        let legendX = plotLeft + (plotRight - plotLeft) * 0.22
        let legendY = plotBottom - 62
        document.beginGroup(id: "legend")
        document.rect(
            x: legendX, y: legendY, width: legendWidth, height: 50, fill: "white", stroke: "#a0aec0", cornerRadius: 4)
        document.line(
            x1: legendX + 10, y1: legendY + 17, x2: legendX + 38, y2: legendY + 17, stroke: Self.lossColour,
            strokeWidth: 2.2)
        document.text(legend[0], x: legendX + 44, y: legendY + 21, size: 12)
        document.line(
            x1: legendX + 10, y1: legendY + 36, x2: legendX + 38, y2: legendY + 36, stroke: Self.digitsColour,
            strokeWidth: 1.4)
        document.text(legend[1], x: legendX + 44, y: legendY + 40, size: 12)
        document.endGroup()
    }
}
