/// What a listing source tells the user beside its records.
enum SourceWarning: CustomStringConvertible {
  /// Ids asked for by name that the API did not return.
  case notFound([String])
  /// The listing changed while it was paged; the text says how.
  case listingChanged(String)

  var description: String {
    switch self {
    case .notFound(let ids): "not found: " + ids.joined(separator: ", ")
    case .listingChanged(let message): message
    }
  }
}
