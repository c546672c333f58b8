import Exact
import Fixture
import Symbolic

/// Scans a post (Markdown, LaTeX, a notebook or plain text) into claims for the checker, steps of
/// arithmetic and the math it skipped, every one located at the post's own line and column.
public enum DocumentScanner {
    /// Scans a file's bytes; `model` (from `--fixture`) enables claims about the model.
    public static func scan(bytes: [UInt8], file: String, format: SourceFormat? = nil, model: ScanModel?)
        throws(ScanError) -> ScanOutcome
    {
        let blocks = try DocumentReader.blocks(bytes: bytes, file: file, format: format ?? SourceFormat(path: file))
        var outcome = ScanOutcome(file: file)
        var results: Set<String> = []
        for block in blocks {
            var reader = ChainReader(block: block, model: model, outcome: outcome, results: results)
            read(block, with: &reader)
            outcome = reader.outcome
            results = reader.results
        }
        outcome.skipped = outcome.skipped.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        return outcome
    }

    /// Scans text (for tests and tools that hold it already).
    public static func scan(text: String, file: String, format: SourceFormat? = nil, model: ScanModel?)
        throws(ScanError) -> ScanOutcome
    {
        try scan(bytes: Array(text.utf8), file: file, format: format, model: model)
    }

    /// Math spans and prose claims of one block, in the order they stand.
    private static func read(_ block: TextBlock, with reader: inout ChainReader) {
        var finder = MathSpanFinder(block.scalars)
        let (spans, prose) = finder.find()
        var proseIndex = 0
        for span in spans {
            while proseIndex < prose.count, prose[proseIndex].lowerBound < span.content.lowerBound {
                readProse(prose[proseIndex], in: block, with: &reader)
                proseIndex += 1
            }
            let tokens = MathLexer.tokens(block.scalars, in: span.content)
            for chain in ChainSplitter.chains(tokens, aligned: span.isAligned) { reader.read(chain) }
        }
        while proseIndex < prose.count {
            readProse(prose[proseIndex], in: block, with: &reader)
            proseIndex += 1
        }
    }

    /// `NAME = NUMBER` in prose: a numeric claim when NAME is the model's (else listed as skipped).
    private static func readProse(_ range: Range<Int>, in block: TextBlock, with reader: inout ChainReader) {
        guard let model = reader.model else { return }
        for found in ProseClaimFinder.find(block.scalars, in: range) {
            let name = reader.segment(MathLexer.tokens(block.scalars, in: found.name))
            let numberTokens = MathLexer.tokens(block.scalars, in: found.number)
            guard let literal = reader.segment(numberTokens).node?.literal else { continue }
            guard case .name(let leaf)? = name.node else {
                if let reason = name.reason { reader.skip(name, reason) }
                continue
            }
            do {
                let quantity = try model.quantity(leaf)
                reader.addNumeric(quantity, literal)
                reader.results.insert(ChainReader.unsigned(literal))
            } catch {
                reader.skip(name, error)
            }
        }
    }
}
