import Foundation

/// Computed indicators: arithmetic over other indicators and territory facts, e.g.
/// `{DMP-DOCS} / POP`, `{MSS-BAL} / NB(ES) * 100`, `({A} + {B}) / 2`.
public struct Formula: Sendable, Equatable {
    public indirect enum Node: Sendable, Equatable {
        case number(Double)
        case indicator(String)
        case population
        case structures(Couloir)
        case negate(Node)
        case binary(Character, Node, Node)
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var position: Int
        public var message: String
        public var description: String { "formule invalide (caractère \(position + 1)) : \(message)" }
    }

    /// What a formula can read when evaluated.
    public struct Context: Sendable {
        public var indicator: @Sendable (String) -> Double?
        public var population: @Sendable () -> Double?
        public var structures: @Sendable (Couloir) -> Double?

        public init(
            indicator: @escaping @Sendable (String) -> Double?, population: @escaping @Sendable () -> Double?,
            structures: @escaping @Sendable (Couloir) -> Double?
        ) {
            self.indicator = indicator
            self.population = population
            self.structures = structures
        }
    }

    public let source: String
    public let root: Node

    public init(_ source: String) throws {
        self.source = source
        var parser = Parser(chars: Array(source))
        root = try parser.parseExpression()
        parser.skipSpaces()
        guard parser.i == parser.chars.count else {
            throw ParseError(position: parser.i, message: "« \(parser.chars[parser.i]) » inattendu")
        }
    }

    /// The indicator codes the formula reads (for dependency order and cycle detection).
    public var dependencies: Set<String> {
        func walk(_ n: Node) -> Set<String> {
            switch n {
            case .indicator(let c): [c]
            case .negate(let a): walk(a)
            case .binary(_, let a, let b): walk(a).union(walk(b))
            default: []
            }
        }
        return walk(root)
    }

    /// nil when an input is missing or a division by zero occurs: a computed value is never invented.
    public func evaluate(_ context: Context) -> Double? {
        func eval(_ n: Node) -> Double? {
            switch n {
            case .number(let v): return v
            case .indicator(let c): return context.indicator(c)
            case .population: return context.population()
            case .structures(let c): return context.structures(c)
            case .negate(let a): return eval(a).map { -$0 }
            case .binary(let op, let a, let b):
                guard let x = eval(a), let y = eval(b) else { return nil }
                switch op {
                case "+": return x + y
                case "-": return x - y
                case "*": return x * y
                default: return y == 0 ? nil : x / y
                }
            }
        }
        return eval(root)
    }

    struct Parser {
        var chars: [Character]
        var i = 0

        mutating func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        mutating func parseExpression() throws -> Node {
            var left = try parseTerm()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return left }
                let op = chars[i]
                i += 1
                left = .binary(op, left, try parseTerm())
            }
        }

        mutating func parseTerm() throws -> Node {
            var left = try parseFactor()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "*" || chars[i] == "/" else { return left }
                let op = chars[i]
                i += 1
                left = .binary(op, left, try parseFactor())
            }
        }

        mutating func parseFactor() throws -> Node {
            skipSpaces()
            guard i < chars.count else { throw ParseError(position: i, message: "expression incomplète") }
            let c = chars[i]
            if c == "-" {
                i += 1
                return .negate(try parseFactor())
            }
            if c == "(" {
                i += 1
                let inner = try parseExpression()
                skipSpaces()
                guard i < chars.count, chars[i] == ")" else {
                    throw ParseError(position: i, message: "parenthèse fermante attendue")
                }
                i += 1
                return inner
            }
            if c == "{" {
                let start = i
                guard let end = chars[i...].firstIndex(of: "}") else {
                    throw ParseError(position: start, message: "accolade fermante attendue")
                }
                let code = String(chars[(i + 1)..<end]).trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty else { throw ParseError(position: start, message: "code d'indicateur vide") }
                i = end + 1
                return .indicator(code)
            }
            if c.isNumber {
                let start = i
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "," { i += 1 }
                guard let v = Double(String(chars[start..<i]).replacingOccurrences(of: ",", with: ".")) else {
                    throw ParseError(position: start, message: "nombre illisible")
                }
                return .number(v)
            }
            if c.isLetter {
                let start = i
                while i < chars.count, chars[i].isLetter { i += 1 }
                let word = String(chars[start..<i]).uppercased()
                if word == "POP" { return .population }
                if word == "NB" {
                    skipSpaces()
                    guard i < chars.count, chars[i] == "(", let close = chars[i...].firstIndex(of: ")") else {
                        throw ParseError(position: i, message: "NB(couloir) attendu")
                    }
                    let arg = String(chars[(i + 1)..<close])
                    guard let couloir = Couloir(code: arg) else {
                        throw ParseError(position: i + 1, message: "couloir inconnu « \(arg) »")
                    }
                    i = close + 1
                    return .structures(couloir)
                }
                throw ParseError(position: start, message: "« \(word) » inconnu (attendu : {CODE}, POP, NB(couloir))")
            }
            throw ParseError(position: i, message: "« \(c) » inattendu")
        }
    }
}
