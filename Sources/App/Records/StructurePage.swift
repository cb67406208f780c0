/// One page of a filtered structure list, with the total it was cut from.
struct StructurePage: Sendable, Equatable {
    var items: [Structure]
    var total: Int
    var page: Int
    var perPage: Int
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}
