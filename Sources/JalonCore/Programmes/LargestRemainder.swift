/// Shares of a whole that add up to 100 % as printed: each share is rounded down, then the points left go to
/// the largest remainders (ties to the first) — how the seeds' pies print 55/26/7/12 for 75/36/10/17.
public enum LargestRemainder {
    /// Whole percentages of each count in their total; all zero when the total is.
    public static func percentages(_ counts: [Int]) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        let exact = counts.map { Double($0) * 100 / Double(total) }
        var shares = exact.map { Int($0.rounded(.down)) }
        let left = 100 - shares.reduce(0, +)
        let order = exact.indices.sorted { lhs, rhs in
            let (a, b) = (exact[lhs] - Double(shares[lhs]), exact[rhs] - Double(shares[rhs]))
            return a != b ? a > b : lhs < rhs
        }
        for index in order.prefix(left) { shares[index] += 1 }
        return shares
    }
}
