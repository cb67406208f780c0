/// The sign-in page (DSFR "connexion" pattern, without FranceConnect: accounts are local).
enum LoginForm {
    struct Model: Sendable, Equatable {
        var email: String
        var next: String
        var error: String?
        /// The sign-in form's own anti-forgery token (see `SessionController`).
        var loginToken = ""
    }
}
