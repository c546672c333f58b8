import Foundation
import FoundationXML
import Testing

#if canImport(FoundationXML)
#endif

/// Runs the built `derivcheck` with its standard output and error on pipes (so neither is a terminal).
private let derivcheck = CLI.derivcheck

private let packageRoot = CLI.packageRoot

private func temporaryFile(_ name: String, contents: String? = nil) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "derivcheck-train-\(UUID().uuidString)-\(name)")
    if let contents { try Data(contents.utf8).write(to: url) }
    return url
}

private final class ParseCheck: NSObject, XMLParserDelegate {
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
}

@Suite("train command")
struct TrainCommandTests {
    @Test func noProgressBarThroughAPipe() throws {
        let result = try derivcheck(["train", "--steps", "5000"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty, "stderr: \(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("STEP  LOSS (certified)") == true)
        #expect(lines.contains { $0.hasPrefix("5000  0.0001162256994379362502255218") })
        #expect(lines.filter { $0.first == " " || $0.first?.isNumber == true }.count == 6)  // steps 0, 1000, …, 5000
    }

    @Test func defaultsToTenThousandStepsEveryThousand() throws {
        let result = try derivcheck(["train"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        let steps = result.out.split(separator: "\n").dropFirst().compactMap {
            $0.split(separator: " ").first.flatMap { Int($0) }
        }
        #expect(steps == Array(stride(from: 0, through: 10000, by: 1000)))
        #expect(result.out.contains("10000  0.00003510187782978845874234018  3.51018778297885"))
    }

    @Test func json() throws {
        let result = try derivcheck(["train", "--steps", "10000", "--every", "5000", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 3)
        #expect(steps.map { ($0["step"] as? NSNumber)?.intValue } == [0, 5000, 10000])
        let last = steps[2]
        #expect(Set(last.keys) == ["step", "loss", "loss_double", "agree_digits", "outputs"])
        #expect(last["loss"] as? String == "0.00003510187782978845874234018")
        #expect((last["loss_double"] as? String).flatMap(Double.init) != nil)
        #expect(((last["agree_digits"] as? NSNumber)?.intValue ?? -1) >= 10)
        let outputs = try #require(last["outputs"] as? [String: String])
        #expect(outputs["out_o1"]?.hasPrefix("0.01591362044355062659546") == true)
        #expect(outputs["out_o2"]?.hasPrefix("0.98406427351462375686962") == true)
    }

    @Test func plotIsWrittenAndValid() throws {
        let plot = try temporaryFile("loss.svg")
        defer { try? FileManager.default.removeItem(at: plot) }
        let result = try derivcheck(["train", "--steps", "3000", "--every", "1000", "--plot", plot.path])
        #expect(result.status == 0)
        #expect(result.err == "wrote \(plot.path)\n", "the file written is named, on standard error")
        // The table keeps its K even though the plot reads more often.
        #expect(result.out.split(separator: "\n").count == 1 + 4 + 1)  // header, steps 0…3000, the note
        let parser = try #require(XMLParser(contentsOf: plot))
        let check = ParseCheck()
        parser.delegate = check
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(check.texts.contains("training step"))
        #expect(check.texts.contains { $0.hasPrefix("E_total over 3000 training steps") })
    }

    @Test(arguments: [
        ["--steps", "-1"], ["--steps", "1000001"], ["--steps", "ten"], ["--every", "0"], ["--every", "-5"],
        ["--steps"], ["--bogus"], ["extra"],
    ])
    func badOptionsAreUsageErrors(arguments: [String]) throws {
        let result = try derivcheck(["train"] + arguments)
        #expect(result.status == 64)
        #expect(result.err.contains("Error:"))
        #expect(result.out.isEmpty)
    }

    @Test func stepsAtTheBoundsAreAccepted() throws {
        let result = try derivcheck(["train", "--steps", "0"])
        #expect(result.status == 0)
        #expect(result.out.split(separator: "\n").count == 3)
    }

    @Test func fixtureProblemsExitTwo() throws {
        let missing = try derivcheck(["train", "--fixture", "/nonexistent/net.deriv"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("cannot read"))
        let broken = try temporaryFile("broken.deriv", contents: "[network]\nlayers = 2 2\nweights = 1 2\n")
        defer { try? FileManager.default.removeItem(at: broken) }
        let result = try derivcheck(["train", "--fixture", broken.path])
        #expect(result.status == 2)
        #expect(result.err.contains("error:"))
        let untrained = try temporaryFile("untrained.deriv", contents: "[model]\nx = 1\ny := x*x\n")
        defer { try? FileManager.default.removeItem(at: untrained) }
        let noTraining = try derivcheck(["train", "--fixture", untrained.path])
        #expect(noTraining.status == 2)
        #expect(noTraining.err.contains("[training]"))
    }

    @Test func anotherFixture() throws {
        let result = try derivcheck([
            "train", "--fixture", "Tests/SymbolicTests/Resources/per-neuron-bias.deriv", "--steps", "20", "--every",
            "10",
        ])
        #expect(result.status == 0)
        #expect(result.out.contains("OUT_O1"))
        #expect(result.out.split(separator: "\n").count == 1 + 3 + 1)
    }
}
