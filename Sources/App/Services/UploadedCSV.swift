import Foundation
import JalonCore

/// A CSV file a user gives Jalon: any encoding and separator we detect, read whole, with French
/// errors naming the file and the line.
enum UploadedCSV {
    static func records(_ data: Data, fileName: String) throws -> [CSVRecord] {
        let text = TextDecoding.decode(data).text
        do {
            return try CSVReader(separator: CSVReader.detectSeparator(text)).records(text)
        } catch let CSVReader.Failure.unterminatedQuote(line) {
            throw ServiceError.invalid("\(fileName), ligne \(line) : guillemet jamais refermé.")
        }
    }
}
