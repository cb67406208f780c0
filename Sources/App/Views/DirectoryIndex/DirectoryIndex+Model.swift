/// The directory: organisations, contacts, probable duplicates, their CSV in and out.
enum DirectoryIndex {
    struct Model: Sendable, Equatable {
        var organisations: [Organisation]
        var contacts: [Contact]
        var duplicates: [DuplicateContact]
        var message: String?
        var error: String?
        /// The latest changes of contacts and organisations, from the audit trail.
        var history: [AuditEvent] = []
    }
}
