import Checker
import Fixture
import Foundation
import Reports
import Testing

/// JSON text with keys in the order given.
@Suite struct JSONValueTests {
    @Test func compact() {
        let value = JSONValue.object([
            ("b", .number("1")), ("a", .array([.bool(true), .null, .string("x")])), ("c", .object([])),
        ])
        #expect(value.serialized() == #"{"b":1,"a":[true,null,"x"],"c":{}}"#)
        #expect(JSONValue.array([]).serialized() == "[]")
    }

    @Test func pretty() {
        let value = JSONValue.object([("file", .string("f")), ("claims", .array([.object([("line", .number("3"))])]))])
        #expect(
            value.pretty() == """
                {
                  "file": "f",
                  "claims": [
                    {
                      "line": 3
                    }
                  ]
                }
                """)
    }

    @Test func escaping() throws {
        let text = "quote \" backslash \\ newline \n tab \t return \r bell \u{7} σ∂ 😀"
        let serialized = JSONValue.string(text).serialized()
        #expect(
            serialized.contains(#"\""#) && serialized.contains(#"\\"#) && serialized.contains(#"\n"#)
                && serialized.contains(#"\u0007"#))
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(serialized)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func equalityIsByText() {
        #expect(JSONValue.object([("a", .number("1"))]) == .object([("a", .number("1"))]))
        #expect(
            JSONValue.object([("a", .number("1")), ("b", .null)]) != .object([("b", .null), ("a", .number("1"))]),
            "order matters")
    }

    @Test func foundationReadsAReport() throws {
        let fixture = try FixtureReader.read(
            text: "[model]\nx := 1/3\n[claims]\nx = 0.333  # a \"quoted\" note\n", file: "t\"q.deriv")
        let report = try FixtureChecker().check(fixture)
        for text in [report.json.serialized(), report.json.pretty()] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["file"] as? String == "t\"q.deriv")
            let claim = try #require((object["claims"] as? [[String: Any]])?.first)
            #expect(claim["note"] as? String == "a \"quoted\" note")
            #expect(claim["line"] as? Int == 4)
        }
    }
}
