import Foundation
import FoundationXML
import Pictures

#if canImport(FoundationXML)
#endif

/// What an XML parser makes of an SVG: whether it parsed, the element names and the texts.
final class SVGReading: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String] = []
    var attributes: [[String: String]] = []
    private var current = ""
    private var depth = 0
    var error: Error?
    var parsed = false

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        parsed = parser.parse()
        error = parser.parserError
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(elementName)
        attributes.append(attributeDict)
        if elementName == "text" {
            depth += 1
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if depth > 0 { current += string } }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" {
            depth -= 1
            texts.append(current)
            current = ""
        }
    }
}
