import ConsoleKit
import Foundation
import Vapor

@testable import App

/// A console that keeps what a command prints and answers its prompts from a script: the CLI run
/// in-process, on the test database, so its code is exercised (and counted) like the routes'.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String]
    private var printed: [String] = []
    private var reported: [String] = []
    var userInfo: [AnySendableHashable: any Sendable] = [:]

    init(answers: [String] = []) { self.answers = answers }

    var size: (width: Int, height: Int) { (120, 40) }
    var supportsANSICommands: Bool { false }

    func input(isSecure: Bool) -> String {
        lock.withLock { answers.isEmpty ? "" : answers.removeFirst() }
    }

    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { printed.append(text.description + (newLine ? "\n" : "")) }
    }

    func clear(_ type: ConsoleClear) {}

    func report(error: String, newLine: Bool) {
        lock.withLock { reported.append(error + (newLine ? "\n" : "")) }
    }

    var text: String { lock.withLock { printed.joined() } }
    var errors: String { lock.withLock { reported.joined() } }
}

/// What a command printed (its errors included: `console.error` prints like `output`), and the
/// error it ended with (nil when it succeeded).
struct CommandRun {
    var output: String
    var failure: (any Error)?
}

extension Application {
    /// Runs `jalon ARGUMENTS…` in-process, answering prompts (passwords) with `answers`.
    func run(_ arguments: [String], answers: [String] = []) async -> CommandRun {
        let console = RecordingConsole(answers: answers)
        var context = CommandContext(console: console, input: CommandInput(arguments: ["jalon"] + arguments))
        context.application = self
        do {
            try await asyncCommands.group().run(using: &context)
            return CommandRun(output: console.text + console.errors, failure: nil)
        } catch {
            return CommandRun(output: console.text + console.errors, failure: error)
        }
    }

    /// A file in a fresh temporary folder, for commands that read one.
    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jalon-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
