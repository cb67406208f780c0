import Foundation

enum Fixtures {
    /// The repository root (tests run from anywhere).
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/"
    }()

    /// Where the page snapshots are stored (in the sources: recording writes there).
    static let snapshots = repoRoot + "Tests/AppTests/__Snapshots__/"

    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static var cogFolder: String { url("cog").path }

    /// `../shared/data/` beside the repository, when present (real public samples, never copied here).
    static func shared(_ name: String) -> String? {
        let path = repoRoot + "../shared/data/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
