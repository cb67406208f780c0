import Vapor

/// Errors become a French page for people and a JSON object under `/api/`; internal details stay in the log.
struct ErrorPageMiddleware: AsyncMiddleware {
    var environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let message: String
            switch error {
            case let e as ServiceError:
                status = e.status
                message = e.message
            case let e as any AbortError:
                status = e.status
                message =
                    e.status == .notFound && e.reason == e.status.reasonPhrase ? "Page introuvable." : frenchReason(e)
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
                let r = Response(status: status)
                try r.content.encode(["error": message, "status": "\(status.code)"], as: .json)
                return r
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
    func frenchReason(_ e: any AbortError) -> String {
        switch e.status {
        case .payloadTooLarge: "Fichier ou requête trop volumineux."
        case .badRequest where e.reason == e.status.reasonPhrase: "Requête invalide."
        // Vapor's decoding messages ("No such key 'file' at path ''…", "Value of type … required…").
        case .badRequest
        where e.reason.hasPrefix("No such key") || e.reason.hasPrefix("Value of type")
            || e.reason.hasPrefix("Value required")
            || e.reason.hasPrefix("Data corrupted") || e.reason.hasPrefix("Could not"):
            "Corps de requête illisible : un champ manque ou n'a pas le type attendu (\(e.reason.prefix(120)))."
        case .unsupportedMediaType: "Type de contenu non pris en charge."
        case .methodNotAllowed: "Méthode non autorisée."
        default: e.reason
        }
    }
}
