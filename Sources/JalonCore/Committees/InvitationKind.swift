/// What an e-mail about a meeting is: the first invitation, an update once one went out (the calendars
/// replace their copy), or the cancellation of a cancelled meeting — iTIP `REQUEST` or `CANCEL`.
public enum InvitationKind: String, CaseIterable, Sendable, Codable {
    case invitation
    case update = "mise-a-jour"
    case cancellation = "annulation"

    /// The next sending for a meeting: a cancellation once it is cancelled, an update once an invitation went out.
    public static func next(cancelled: Bool, alreadySent: Bool) -> InvitationKind {
        cancelled ? .cancellation : alreadySent ? .update : .invitation
    }

    public var label: String {
        switch self {
        case .invitation: "Invitation"
        case .update: "Mise à jour"
        case .cancellation: "Annulation"
        }
    }

    public var method: String { self == .cancellation ? "CANCEL" : "REQUEST" }
}
