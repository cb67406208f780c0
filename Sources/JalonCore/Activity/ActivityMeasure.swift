import Foundation

/// What an indicator computed from the activity log measures, written as text in indicator files
/// and templates: `actions`, `actions:webinaire`, `actions-theme:MSS`, `participants`,
/// `touchees:ES` (share of the open structures of the couloir reached at least once),
/// `touchees-nombre:ES` (their number).
public struct ActivityMeasure: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case actions, actionsOfType, actionsOnTopic, participants, reachShare, reachCount
    }

    public var kind: Kind
    public var couloir: Couloir?
    public var type: ActivityType?
    public var topic: String?

    public init(kind: Kind, couloir: Couloir? = nil, type: ActivityType? = nil, topic: String? = nil) {
        self.kind = kind
        self.couloir = couloir
        self.type = type
        self.topic = topic
    }

    public init?(text raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        guard let head = parts.first?.lowercased() else { return nil }
        let arg = parts.count == 2 ? parts[1] : nil
        switch (head, arg) {
        case ("actions", nil): self.init(kind: .actions)
        case ("actions", let argument?):
            guard let type = ActivityType(text: argument) else { return nil }
            self.init(kind: .actionsOfType, type: type)
        case ("actions-theme", let argument?):
            guard let topic = ActivityTopic.code(argument) else { return nil }
            self.init(kind: .actionsOnTopic, topic: topic)
        case ("participants", nil): self.init(kind: .participants)
        case ("touchees", let argument?), ("touchées", let argument?):
            guard let couloir = Couloir(code: argument) else { return nil }
            self.init(kind: .reachShare, couloir: couloir)
        case ("touchees-nombre", let argument?), ("touchées-nombre", let argument?):
            guard let couloir = Couloir(code: argument) else { return nil }
            self.init(kind: .reachCount, couloir: couloir)
        default: return nil
        }
    }

    public var description: String {
        switch kind {
        case .actions: "actions"
        case .actionsOfType: "actions:\(type?.rawValue ?? "")"
        case .actionsOnTopic: "actions-theme:\(topic ?? "")"
        case .participants: "participants"
        case .reachShare: "touchees:\(couloir?.rawValue ?? "")"
        case .reachCount: "touchees-nombre:\(couloir?.rawValue ?? "")"
        }
    }

    /// French, for pages: "calculé depuis le journal des activités : …".
    public var label: String {
        switch kind {
        case .actions: "nombre d'actions"
        case .actionsOfType: "nombre d'actions de type « \(type?.label ?? "") »"
        case .actionsOnTopic: "nombre d'actions sur le thème \(topic ?? "")"
        case .participants: "nombre de participants"
        case .reachShare: "part des structures ouvertes (\(couloir?.rawValue ?? "")) touchées au moins une fois"
        case .reachCount: "nombre de structures ouvertes (\(couloir?.rawValue ?? "")) touchées au moins une fois"
        }
    }
}
