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
        guard parser.position == parser.chars.count else {
            throw ParseError(position: parser.position, message: "« \(parser.chars[parser.position]) » inattendu")
        }
    }

    /// The indicator codes the formula reads (for dependency order and cycle detection).
    public var dependencies: Set<String> {
        func walk(_ node: Node) -> Set<String> {
            switch node {
            case .indicator(let code): [code]
            case .negate(let operand): walk(operand)
            case .binary(_, let left, let right): walk(left).union(walk(right))
            default: []
            }
        }
        return walk(root)
    }

    /// nil when an input is missing or a division by zero occurs: a computed value is never invented.
    public func evaluate(_ context: Context) -> Double? {
        func eval(_ node: Node) -> Double? {
            switch node {
            case .number(let value): return value
            case .indicator(let code): return context.indicator(code)
            case .population: return context.population()
            case .structures(let couloir): return context.structures(couloir)
            case .negate(let operand): return eval(operand).map { -$0 }
            case .binary(let op, let left, let right):
                guard let lhs = eval(left), let rhs = eval(right) else { return nil }
                switch op {
                case "+": return lhs + rhs
                case "-": return lhs - rhs
                case "*": return lhs * rhs
                default: return rhs == 0 ? nil : lhs / rhs
                }
            }
        }
        return eval(root)
    }

    struct Parser {
        var chars: [Character]
        var position = 0

        mutating func skipSpaces() { while position < chars.count, chars[position].isWhitespace { position += 1 } }

        mutating func parseExpression() throws -> Node {
            var left = try parseTerm()
            while true {
                skipSpaces()
                guard position < chars.count, chars[position] == "+" || chars[position] == "-" else { return left }
                let op = chars[position]
                position += 1
                left = .binary(op, left, try parseTerm())
            }
        }

        mutating func parseTerm() throws -> Node {
            var left = try parseFactor()
            while true {
                skipSpaces()
                guard position < chars.count, chars[position] == "*" || chars[position] == "/" else { return left }
                let op = chars[position]
                position += 1
                left = .binary(op, left, try parseFactor())
            }
        }

        mutating func parseFactor() throws -> Node {
            skipSpaces()
            guard position < chars.count else { throw ParseError(position: position, message: "expression incomplète") }
            let character = chars[position]
            if character == "-" {
                position += 1
                return .negate(try parseFactor())
            }
            if character == "(" {
                position += 1
                let inner = try parseExpression()
                skipSpaces()
                guard position < chars.count, chars[position] == ")" else {
                    throw ParseError(position: position, message: "parenthèse fermante attendue")
                }
                position += 1
                return inner
            }
            if character == "{" {
                let start = position
                guard let end = chars[position...].firstIndex(of: "}") else {
                    throw ParseError(position: start, message: "accolade fermante attendue")
                }
                let code = String(chars[(position + 1)..<end]).trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty else { throw ParseError(position: start, message: "code d'indicateur vide") }
                position = end + 1
                return .indicator(code)
            }
            if character.isNumber {
                let start = position
                while position < chars.count,
                    chars[position].isNumber || chars[position] == "." || chars[position] == ","
                { position += 1 }
                guard let value = Double(String(chars[start..<position]).replacingOccurrences(of: ",", with: "."))
                else {
                    throw ParseError(position: start, message: "nombre illisible")
                }
                return .number(value)
            }
            if character.isLetter {
                let start = position
                while position < chars.count, chars[position].isLetter { position += 1 }
                let word = String(chars[start..<position]).uppercased()
                if word == "POP" { return .population }
                if word == "NB" {
                    skipSpaces()
                    guard position < chars.count, chars[position] == "(",
                        let close = chars[position...].firstIndex(of: ")")
                    else {
                        throw ParseError(position: position, message: "NB(couloir) attendu")
                    }
                    let arg = String(chars[(position + 1)..<close])
                    guard let couloir = Couloir(code: arg) else {
                        throw ParseError(position: position + 1, message: "couloir inconnu « \(arg) »")
                    }
                    position = close + 1
                    return .structures(couloir)
                }
                throw ParseError(position: start, message: "« \(word) » inconnu (attendu : {CODE}, POP, NB(couloir))")
            }
            throw ParseError(position: position, message: "« \(character) » inattendu")
        }
    }
}
