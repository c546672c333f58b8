import Exact
import Fixture
import Foundation
import FoundationXML
import Pictures
import Testing

#if canImport(FoundationXML)
#endif

@Suite("LossPlot")
struct LossPlotTests {
    private static let points = [
        LossPlot.Point(step: 0, loss: 0.298, agreeingDigits: 15),
        LossPlot.Point(step: 5000, loss: 1.2e-4, agreeingDigits: 14),
        LossPlot.Point(step: 10000, loss: 3.51e-5, agreeingDigits: 13),
    ]

    @Test func axesSpanTheData() {
        let plot = LossPlot(points: Self.points, title: "loss")
        #expect(plot.decades.low == -5 && plot.decades.high == 0)
        #expect(plot.stepTicks == stride(from: 0, through: 10000, by: 1000).map { $0 })
        #expect(
            LossPlot(
                points: [.init(step: 0, loss: 0.5, agreeingDigits: 3), .init(step: 7, loss: 0.4, agreeingDigits: 2)],
                title: ""
            ).stepTicks == [0, 1, 2, 3, 4, 5, 6, 7])
    }

    @Test func svgIsValidAndLabelled() {
        let reading = SVGReading(LossPlot(points: Self.points, title: "E_total <certified> & Double").svg)
        #expect(reading.parsed, "\(String(describing: reading.error))")
        #expect(reading.elements.first == "svg")
        #expect(reading.elements.filter { $0 == "polyline" }.count == 2)
        for text in [
            "E_total <certified> & Double", "training step", "loss E_total (certified, log scale)",
            "significant digits Double agrees on", "certified loss E_total", "digits of the Double loss that agree",
            "10−5", "100", "0", "10000", "15", "17",
        ] {
            #expect(reading.texts.contains(text), "missing \(text)")
        }
    }

    @Test func plotsATrainingRun() throws {
        // A loss falling from 0.3 to 2·10⁻⁴ over 2,000 steps, read every 100, as a training run gives.
        let points = (0...20).map { index in
            LossPlot.Point(step: index * 100, loss: 0.3 * pow(10, -Double(index) / 6.3), agreeingDigits: 16 - index / 4)
        }
        let plot = LossPlot(points: points, title: "tutorial")
        #expect(plot.points.count == 21)
        #expect(plot.decades.low == -4 && plot.decades.high == 0)
        #expect(SVGReading(plot.svg).parsed)
    }

    @Test func numbersAreShortAndStable() {
        #expect(SVGDocument.number(1.005) == "1" || SVGDocument.number(1.005) == "1.01")
        #expect(SVGDocument.number(-0.001) == "0")
        #expect(SVGDocument.number(12.5) == "12.5")
        #expect(SVGDocument.number(-3.07) == "-3.07")
        #expect(SVGDocument.escaped("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
    }
}
