/// What a listing source, or a stage that looks records up, tells the user
/// beside its records.
enum SourceWarning: CustomStringConvertible {
  /// Ids asked for by name that the API did not return.
  case notFound([String])
  /// The listing changed while it was paged; the text says how.
  case listingChanged(String)
  /// Records a stage could not follow, and why: said, never passed over in silence.
  case skipped(String)

  var description: String {
    switch self {
    case .notFound(let ids): "not found: " + ids.joined(separator: ", ")
    case .listingChanged(let message): message
    case .skipped(let message): message
    }
  }
}
