import JalonCore

/// What a profile does to a sample file: the columns found, the first canonical rows, and the
/// preview of the import (nothing written).
struct ImportProfileTrial: Sendable, Equatable {
    var fileName: String
    var headers: [String] = []
    var rows: [ImportProfile.Row] = []
    var report: ImportReport?
    var error: String?
}
