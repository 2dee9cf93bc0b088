extension Record {
  /// The record of an API value, with the API's own field names, in order.
  public init(encoding value: some Encodable) throws {
    guard case .object(let record) = try RecordEncoder.value(of: value) else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "a record must encode as an object"))
    }
    self = record
  }
}
