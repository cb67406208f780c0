/// Length is what makes a password strong (ANSSI, NIST SP 800-63B): no composition rules, a minimum
/// of 12 characters, and at most 72 bytes because bcrypt ignores what comes after.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// nil when acceptable, else the French reason.
    public static func refusal(_ password: String, email: String = "") -> String? {
        if password.count < minimumLength {
            return "Le mot de passe doit compter au moins \(minimumLength) caractères (\(password.count) saisis)."
        }
        if password.utf8.count > maximumBytes {
            return "Le mot de passe ne doit pas dépasser \(maximumBytes) octets (une soixantaine de caractères)."
        }
        if !email.isEmpty, password.lowercased().contains(email.lowercased()) {
            return "Le mot de passe ne doit pas contenir l'adresse électronique."
        }
        if Set(password).count < 4 { return "Le mot de passe répète trop peu de caractères différents." }
        return nil
    }
}

/// Login throttling: after `freeAttempts` failures within `window` seconds, each further attempt
/// waits twice as long as the previous one, up to `maximumDelay`. Counted per account and per
/// address separately, so a guessing attack from many addresses still hits the account's count.
public struct LoginThrottle: Sendable, Equatable {
    public var freeAttempts: Int
    public var window: Double
    public var baseDelay: Double
    public var maximumDelay: Double

    public init(freeAttempts: Int = 5, window: Double = 15 * 60, baseDelay: Double = 30, maximumDelay: Double = 15 * 60)
    {
        self.freeAttempts = freeAttempts
        self.window = window
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// Seconds to wait before the next attempt, given the times (seconds) of recent failures.
    public func wait(failures: [Double], now: Double) -> Double {
        let recent = failures.filter { now - $0 < window }.sorted()
        guard recent.count >= freeAttempts, let last = recent.last else { return 0 }
        let excess = recent.count - freeAttempts
        let delay = min(maximumDelay, baseDelay * Double(1 << min(excess, 20)))
        return max(0, last + delay - now)
    }
}
