/// The four columns of the task board, in their order.
enum TaskStatus: String, CaseIterable, Sendable {
    case todo = "a_faire"
    case doing = "en_cours"
    case blocked = "bloque"
    case done = "fait"

    var label: String {
        switch self {
        case .todo: "À faire"
        case .doing: "En cours"
        case .blocked: "Bloqué"
        case .done: "Fait"
        }
    }
}
