// libFuzzer harness: the JSON reader behind `open`, `from json` and plugin output.
//
// Input: any bytes, read as one JSON document with a key cache kept from
// input to input (as a JSON Lines file keeps it from line to line). The
// reader works on raw memory, so ASan watches every read. When the input
// parses, writing it compactly, reading that back and writing it again
// must give the same text. A `Malformed` error is a fine answer.
import TatshEngine

nonisolated(unsafe) var keys = JSONReader.KeyCache()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let value = try? JSONReader.value(from: bytes, keys: &keys) else { return 0 }
  let written = ValueJSON.compact(value)
  let reread: Value
  do {
    reread = try JSONReader.value(from: Array(written.utf8), keys: &keys)
  } catch {
    fatalError("written JSON does not read back: \(error)\n--- written\n\(written)")
  }
  let again = ValueJSON.compact(reread)
  if again != written {
    fatalError("JSON does not survive a round trip\n--- written\n\(written)\n--- written again\n\(again)")
  }
  return 0
}
