import Testing

@testable import Scan

/// Chains and segments: `=` splits, `align` lines, `&=` continuations, statements and chain ends.
struct ChainSplitterTests {
    @Test func splitsAtTopLevelEquals() {
        #expect(
            ScanSupport.chains("net_{h1} = w_1 * i_1 + b_1 = 0.15 * 0.05 + 0.35 = 0.3575")
                == [["net_{h1}", "w_1 * i_1 + b_1", "0.15 * 0.05 + 0.35", "0.3575"]])
        #expect(ScanSupport.chains("f_{a=b} = 1") == [["f_{a=b}", "1"]])
    }

    @Test func alignLinesAndContinuations() {
        let align = """
            net_{o1} &= w_1 i_1 + b_1 \\\\
                     &= 0.3 \\cdot 0.5 + 0.1 \\\\
                     &= 0.25 \\\\
            out_{o1} &= \\tanh(net_{o1}) = 0.244918662
            """
        #expect(
            ScanSupport.chains(align, aligned: true) == [
                ["net_{o1}", "w_1 i_1 + b_1", "0.3 \\cdot 0.5 + 0.1", "0.25"],
                ["out_{o1}", "\\tanh(net_{o1})", "0.244918662"],
            ])
        #expect(
            ScanSupport.chains("\\begin{aligned} a &= 1 \\\\ b &= 2 \\end{aligned}") == [["a", "1"], ["b", "2"]])
    }

    @Test func statementsAndChainEnds() {
        #expect(ScanSupport.chains("a = 1, \\quad b = 2") == [["a", "1"], ["b", "2"]])
        #expect(ScanSupport.chains("f(a, b) = 1") == [["f(a, b)", "1"]])
        #expect(ScanSupport.chains("w \\leftarrow w - \\eta g = 0.3") == [["w"], ["w - \\eta g", "0.3"]])
        #expect(ScanSupport.chains("x := 0.5") == [["x"], ["0.5"]])
        #expect(ScanSupport.chains("E = 0.2748. \\label{eq:e}") == [["E", "0.2748"]])
    }
}
