import Foundation

/// Runs the built `derivcheck` binary and captures what it says.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The products directory holds the test bundle and the `derivcheck` executable beside it,
    /// wherever `--scratch-path` put them; `.build/debug` is the last resort.
    static let binary: URL = {
        var candidates: [URL] = []
        for start in [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap({ $0 })
        {
            var directory = start.standardizedFileURL
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("derivcheck"))
                directory = directory.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/derivcheck"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        } ?? packageRoot.appendingPathComponent(".build/debug/derivcheck")
    }()

    struct Output {
        var status: Int32
        var out: String
        var err: String
        /// Lines of standard error that start with `Error:`.
        var errorLines: [Substring] { err.split(separator: "\n").filter { $0.hasPrefix("Error:") } }
        var crashed: Bool {
            let all = out + err
            return all.contains("Fatal error") || all.contains("Backtrace") || all.contains("Stack dump")
                || status > 128
        }
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) {
            lock.lock()
            data = value
            lock.unlock()
        }
        var value: Data {
            lock.lock()
            defer { lock.unlock() }
            return data
        }
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Output
    {
        try runProgram(binary.path, arguments, environment: environment, directory: directory)
    }

    /// Runs any program the way `run` runs derivcheck (script(1) for a pseudo-terminal, pdflatex, bash).
    static func runProgram(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: collected.value, as: UTF8.self))
    }

    /// The binary's exit status, standard output and standard error, for tests that want a tuple.
    static func derivcheck(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let output = try run(arguments)
        return (output.status, output.out, output.err)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "derivcheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }
}
