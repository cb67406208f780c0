import Foundation

/// A helper program Jalon runs (Chromium for the packs, curl for the e-mails), awaited without holding a
/// thread and stopped after a timeout.
enum ChildProcess {
    /// The exit status, or nil when the timeout stopped the process.
    static func run(_ process: Process, timeoutSeconds: Int, name: String) async throws -> Int32? {
        let timedOut = ManagedFlag()
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: timedOut.isSet ? nil : finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ServiceError.unavailable("\(name) n'a pas pu être lancé : \(error)."))
                return
            }
            Task {
                try? await Task.sleep(for: .seconds(timeoutSeconds))
                if process.isRunning {
                    timedOut.set()
                    process.terminate()
                }
            }
        }
    }
}

/// A flag set once from one thread and read from another.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
