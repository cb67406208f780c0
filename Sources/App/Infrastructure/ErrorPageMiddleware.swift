import Vapor

/// Errors become a French page for people and a JSON object under `/api/`; internal details stay in
/// the log.
struct ErrorPageMiddleware: AsyncMiddleware {
    var environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let message: String
            switch error {
            case let refusal as ServiceError:
                status = refusal.status
                message = refusal.message
            case let abort as any AbortError:
                status = abort.status
                message =
                    abort.status == .notFound && abort.reason == abort.status.reasonPhrase
                    ? "Page introuvable." : frenchReason(abort)
            case is DecodingError:
                status = .badRequest
                message = "Corps de requête illisible : un champ manque ou n'a pas le type attendu."
            case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
                // A body announced as multipart/form-data that is not: the client's error, not ours.
                status = .badRequest
                message = "Corps de requête illisible : formulaire multipart/form-data mal formé."
            default:
                request.logger.report(error: error)
                status = .internalServerError
                message = "Erreur interne : l'incident a été journalisé."
            }
            if status.code >= 500 {
                request.logger.error("\(request.method) \(request.url.path) → \(status.code): \(error)")
            }
            if request.url.path.hasPrefix("/api/") {
                return try .json(["error": message, "status": "\(status.code)"], status: status)
            }
            // Rendered outside AuthMiddleware's scope: the header still shows who is signed in.
            return RequestContext.$current.withValue(.init(identity: request.identity)) {
                .html(
                    Layout(title: "Erreur \(status.code)").render(
                        .group(
                            UI.h1(status == .notFound ? "Page introuvable" : "Erreur \(status.code)"),
                            UI.alert(message, kind: "error"),
                            .el("p", .link(SiteURL.home.path, .cls("fr-link"), .txt("Retour au tableau de bord"))))),
                    status: status)
            }
        }
    }

    /// Vapor's own messages are English; the common ones are translated.
    func frenchReason(_ abort: any AbortError) -> String {
        switch abort.status {
        case .payloadTooLarge: "Fichier ou requête trop volumineux."
        case .badRequest where abort.reason == abort.status.reasonPhrase: "Requête invalide."
        // Vapor's decoding messages ("No such key 'file' at path ''…", "Value of type … required…",
        // "Value was not of type 'Int'…" for a JSON field of the wrong type).
        case .badRequest
        where abort.reason.hasPrefix("No such key") || abort.reason.hasPrefix("Value of type")
            || abort.reason.hasPrefix("Value required") || abort.reason.hasPrefix("Value was not of type")
            || abort.reason.hasPrefix("No value found")
            || abort.reason.hasPrefix("Data corrupted") || abort.reason.hasPrefix("Could not"):
            "Corps de requête illisible : un champ manque ou n'a pas le type attendu (\(abort.reason.prefix(120)))."
        case .unsupportedMediaType: "Type de contenu non pris en charge."
        case .methodNotAllowed: "Méthode non autorisée."
        default: abort.reason
        }
    }
}
