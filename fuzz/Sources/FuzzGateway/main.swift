// libFuzzer harness: the API 3.0 protocol (`APIGateway.respond`) without HTTP,
// in front of `FakeTAT` (a small in-memory backend, see FuzzSupport).
//
// Input format (so that seeds are readable text files):
//
//   byte 0        mode flags
//                   bit 0 (1): actions that run or change something are allowed
//                              (serve's --allow-run); otherwise they are refused.
//                              The key is always SecretId `AKIDfuzz`, key `fuzz-key`:
//                              serve always checks signatures
//                   bit 1 (2): the harness signs the request itself (TC3-HMAC-SHA256 over
//                              the body, `host` and `content-type` given, at `x-tc-timestamp`),
//                              replacing any `authorization` header, so that signed
//                              requests get past the signature check
//                   bit 2 (4): the per-action rate limit on (20 a second); off otherwise
//   then          header lines `name: value` separated by `\n` (names are lower-cased,
//                 as the server hands them; a later line of the same name wins),
//                 ended by an empty line
//   then          the body: every remaining byte
//
// The clock is fixed at `now` = 1800000000. Every answer must be a JSON object
// `{"Response": {... "RequestId": ...}}`; anything else is reported as a bug.
import Foundation
import FuzzSupport
import TATCore
import TATGateway
import TATSigning

let now = 1_800_000_000
let keys = ["AKIDfuzz": "fuzz-key"]
/// `FUZZ_DEBUG=1` prints each request's headers and answer to standard error.
let debug = ProcessInfo.processInfo.environment["FUZZ_DEBUG"] != nil

/// `text` without the spaces and tabs around it, as HTTP trims a header's value.
func trimmed(_ text: Substring) -> Substring {
  let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
  guard let first = text.firstIndex(where: { !isBlank($0) }),
    let last = text.lastIndex(where: { !isBlank($0) })
  else { return "" }
  return text[first...last]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let mode = bytes[0]
  let rest = bytes[1...]
  // The header block ends at the first "\n\n" (or at the end, with an empty body).
  var headerEnd = rest.endIndex
  var bodyStart = rest.endIndex
  var index = rest.startIndex
  while index < rest.endIndex {
    if rest[index] == 0x0A, index + 1 < rest.endIndex, rest[index + 1] == 0x0A {
      headerEnd = index
      bodyStart = index + 2
      break
    }
    if index == rest.startIndex, rest[index] == 0x0A {
      headerEnd = index
      bodyStart = index + 1
      break
    }
    index += 1
  }
  var headers: [String: String] = [:]
  let headerText = String(decoding: rest[rest.startIndex..<headerEnd], as: UTF8.self)
  for line in headerText.split(separator: "\n", omittingEmptySubsequences: true) {
    guard let colon = line.firstIndex(of: ":") else { continue }
    let name = trimmed(line[..<colon]).lowercased()
    headers[name] = String(trimmed(line[line.index(after: colon)...]))
  }
  let body = Data(rest[bodyStart..<rest.endIndex])
  if mode & 2 != 0 {
    let timestamp = headers["x-tc-timestamp"].flatMap(Int.init) ?? now
    headers["x-tc-timestamp"] = String(timestamp)
    let signer = TC3Signer(secretId: "AKIDfuzz", secretKey: "fuzz-key", service: "tat")
    headers["authorization"] = signer.authorization(
      body: body, host: headers["host"] ?? "", contentType: headers["content-type"] ?? "",
      timestamp: timestamp)
  }
  let gateway = APIGateway(
    service: FakeTAT(), keys: keys, allowsChanges: mode & 1 != 0, requestsPerSecond: mode & 4 != 0 ? 20 : 0)
  let request = headers
  let answer = blocking { await gateway.respond(headers: request, body: body, now: now) }
  guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
    let response = object["Response"] as? [String: Any], response["RequestId"] is String
  else {
    fatalError("not an API envelope: \(String(decoding: answer, as: UTF8.self))")
  }
  if debug { FileHandle.standardError.write(Data("\(request)\n".utf8) + answer + Data("\n".utf8)) }
  return 0
}
