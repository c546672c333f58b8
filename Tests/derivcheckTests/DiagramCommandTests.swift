import Foundation
import FoundationXML
import Testing

#if canImport(FoundationXML)
#endif

/// Runs the built `derivcheck` with its standard output and error on pipes (so neither is a terminal).
private let derivcheck = CLI.derivcheck

private let packageRoot = CLI.packageRoot

/// The texts of an SVG, or nil when it is not well-formed XML.
private final class SVGTexts: NSObject, XMLParserDelegate {
    var texts: [String] = []
    private var current = ""
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) { if elementName == "text" { current = "" } }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" { texts.append(current) }
    }

    static func read(_ data: Data) -> [String]? {
        let parser = XMLParser(data: data)
        let reader = SVGTexts()
        parser.delegate = reader
        return parser.parse() ? reader.texts : nil
    }
}

@Suite("diagram command")
struct DiagramCommandTests {
    @Test func tutorialToStandardOutput() throws {
        let result = try derivcheck(["diagram"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        #expect(result.out.hasPrefix("<?xml"))
        let texts = try #require(SVGTexts.read(Data(result.out.utf8)))
        for label in [
            "w1 = 0.15", "w2 = 0.2", "w3 = 0.25", "w4 = 0.3", "w5 = 0.4", "w6 = 0.45", "w7 = 0.5", "w8 = 0.55",
        ] {
            #expect(texts.contains(label), "missing \(label)")
        }
        for node in ["i1", "i2", "h1", "h2", "o1", "o2", "b1", "b2"] { #expect(texts.contains(node)) }
    }

    @Test func afterTrainingToAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "derivcheck-diagram-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try derivcheck(["diagram", "--after", "1", "-o", file.path])
        #expect(result.status == 0)
        #expect(result.out.isEmpty)
        let texts = try #require(SVGTexts.read(try Data(contentsOf: file)))
        // The tutorial's updated weights (mpmath reference, rounded to 9 decimals).
        for label in [
            "w1 = 0.149780716", "w5 = 0.358916480", "w6 = 0.408666186", "w7 = 0.511301270", "w8 = 0.561370121",
        ] {
            #expect(texts.contains(label), "missing \(label)")
        }
        #expect(texts.contains { $0.hasPrefix("after 1 training step (certified, 9 decimals") })
    }

    @Test func twoHiddenLayers() throws {
        let result = try derivcheck(["diagram", "--fixture", "Tests/SymbolicTests/Resources/two-hidden.deriv"])
        #expect(result.status == 0)
        let texts = try #require(SVGTexts.read(Data(result.out.utf8)))
        for index in 1...16 { #expect(texts.contains { $0.hasPrefix("w\(index) = ") }) }
        for node in ["h1_1", "h1_3", "h2_2", "b3"] { #expect(texts.contains(node)) }
    }

    @Test func withoutANetworkSection() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "derivcheck-diagram-\(UUID().uuidString).deriv")
        try Data("[model]\nx = 2\ny := x*x\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try derivcheck(["diagram", "--fixture", file.path])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("no [network] section"))
    }

    @Test func badInputs() throws {
        #expect(try derivcheck(["diagram", "--after", "-1"]).status == 64)
        #expect(try derivcheck(["diagram", "--after", "many"]).status == 64)
        #expect(try derivcheck(["diagram", "-o"]).status == 64)
        #expect(try derivcheck(["diagram", "--fixture", "/nonexistent.deriv"]).status == 2)
        #expect(try derivcheck(["diagram", "-o", "/nonexistent/dir/x.svg"]).status == 2)
    }
}
