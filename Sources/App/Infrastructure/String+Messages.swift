extension String {
    /// nil for an empty string: an empty form field or JSON value means "not given".
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// A service message without its final period, to be placed inside a longer sentence.
    var trimmedFinalPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
