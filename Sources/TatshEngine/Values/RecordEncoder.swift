/// Encodes API values straight into `Value`s, keeping fields in the order
/// the type encodes them (its declaration order), which `JSONEncoder` on
/// Linux does not keep.
struct RecordEncoder {
  static func value(of encodable: some Encodable) throws -> Value {
    let node = EncodingNode()
    try encodable.encode(to: NodeEncoder(node: node, codingPath: []))
    return node.value
  }
}

/// What one encoded value is becoming: a scalar, an object or an array.
private final class EncodingNode {
  var scalar: Value?
  var fields: [(String, EncodingNode)]?
  var items: [EncodingNode]?

  var value: Value {
    if let fields { return .object(Record(fields.map { Record.Field($0.0, $0.1.value) })) }
    if let items { return .array(items.map(\.value)) }
    return scalar ?? .null
  }
}

private struct NodeEncoder: Encoder {
  let node: EncodingNode
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if node.fields == nil { node.fields = [] }
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if node.items == nil { node.items = [] }
    return UnkeyedContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleContainer(node: node, codingPath: codingPath)
  }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey]

  mutating func encodeNil() { node.scalar = .null }
  mutating func encode(_ value: Bool) { node.scalar = .bool(value) }
  mutating func encode(_ value: String) { node.scalar = .string(value) }
  mutating func encode(_ value: Double) { node.scalar = .double(value) }
  mutating func encode(_ value: Float) { node.scalar = .double(Double(value)) }
  mutating func encode(_ value: Int) { node.scalar = .int(value) }
  mutating func encode(_ value: Int8) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: Int16) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: Int32) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: Int64) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: UInt) { node.scalar = .int(Int(truncatingIfNeeded: value)) }
  mutating func encode(_ value: UInt8) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: UInt16) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: UInt32) { node.scalar = .int(Int(value)) }
  mutating func encode(_ value: UInt64) { node.scalar = .int(Int(truncatingIfNeeded: value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  var codingPath: [any CodingKey]

  private func child(_ key: Key) -> EncodingNode {
    let child = EncodingNode()
    node.fields?.append((key.stringValue, child))
    return child
  }

  private func add(_ value: Value, _ key: Key) { child(key).scalar = value }

  mutating func encodeNil(forKey key: Key) { add(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) { add(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) { add(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) { add(.double(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) { add(.double(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) { add(.int(value), key) }
  mutating func encode(_ value: Int8, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: UInt, forKey key: Key) { add(.int(Int(truncatingIfNeeded: value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) { add(.int(Int(value)), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) { add(.int(Int(truncatingIfNeeded: value)), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try value.encode(to: NodeEncoder(node: child(key), codingPath: codingPath + [key]))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    NodeEncoder(node: node, codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    NodeEncoder(node: child(key), codingPath: codingPath + [key])
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey]
  var count: Int { node.items?.count ?? 0 }

  private func child() -> EncodingNode {
    let child = EncodingNode()
    node.items?.append(child)
    return child
  }

  mutating func encodeNil() { child().scalar = .null }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try value.encode(to: NodeEncoder(node: child(), codingPath: codingPath))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    NodeEncoder(node: child(), codingPath: codingPath).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    NodeEncoder(node: child(), codingPath: codingPath).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    NodeEncoder(node: child(), codingPath: codingPath)
  }
}
