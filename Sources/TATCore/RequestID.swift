/// The `RequestId` every answer of the API carries: a random (version 4)
/// UUID in lower case, as Tencent Cloud writes them.
public enum RequestID {
  /// A new `RequestId`, from the system's random generator. (Foundation's
  /// `UUID()` opens and closes `/dev/urandom` for each one, which a server
  /// answering thousands of requests a second pays for.)
  public static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    // The version in the high nibble of byte 6, the variant (10) in the top bits of byte 8.
    let high = (generator.next() as UInt64) & ~0xF000 | 0x4000
    let low = (generator.next() as UInt64) & ~(0b11 << 62) | (0b10 << 62)
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for nibble in 0..<32 {
      switch nibble {
      case 8, 12, 16, 20: text.append(UInt8(ascii: "-"))
      default: break
      }
      let word = nibble < 16 ? high : low
      text.append(hexDigits[Int(word >> UInt64(60 - 4 * (nibble % 16)) & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
