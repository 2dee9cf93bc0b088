import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TATCore

/// How the cloud client names what went wrong: the identity or region an
/// error is about, a connection that cannot be mended by trying again, a
/// clock that is off, in words rather than a library's description.
extension CloudTAT {
  /// What an error about who signed, or where, should also say: the SecretId
  /// (masked) and where it came from, or the region and where that came from.
  func context(of code: String) -> String {
    if code.hasPrefix("AuthFailure") {
      return
        " (signed with SecretId \(settings.credentials.maskedSecretId) from \(settings.credentialSource))"
    }
    if code == "UnsupportedRegion" {
      return settings.region.map { " (region \($0) from \(settings.regionSource ?? "--region"))" }
        ?? " (no region was given)"
    }
    return ""
  }

  /// A failure to connect that trying again cannot mend, named for what it is:
  /// a host name that does not resolve, or a certificate that is not trusted.
  func finalFailure(_ error: any Error) -> TATError? {
    if let error = error as? NIOConnectionError, error.connectionErrors.isEmpty,
      let dns = error.dnsAError ?? error.dnsAAAAError
    {
      return TATError(
        code: "NetworkError",
        message: "cannot resolve \(error.host), the host of \(url) (\(settings.endpointSource)): \(dns)"
      )
    }
    if let error = error as? NIOSSLError, Self.shortDescription(of: error) == "WRONG_VERSION_NUMBER" {
      let plain = url.replacingOccurrences(of: "https://", with: "http://")
      return TATError(
        code: "NetworkError",
        message:
          "\(url) does not speak TLS (it answered the handshake in plain HTTP); for a plain-HTTP endpoint such as tatsh serve's, give the scheme: --endpoint \(plain.dropLast())"
      )
    }
    if let error = error as? NIOSSLError {
      switch error {
      case .handshakeFailed, .unableToValidateCertificate:
        return TATError(
          code: "NetworkError",
          message:
            "the TLS certificate of \(url) is not trusted, or the handshake failed (\(Self.shortDescription(of: error))); for an endpoint with a certificate of its own, such as tatsh serve's, give it with --cacert FILE"
        )
      default: return nil
      }
    }
    return nil
  }

  /// Why a connection failed, in words: `connection refused`, not NIO's
  /// description of every address it tried.
  static func reason(_ error: any Error) -> String {
    if let error = error as? NIOConnectionError, let last = error.connectionErrors.last {
      if let io = last.error as? IOError {
        return "\(String(cString: strerror(io.errnoCode)).lowercased()) (\(last.target))"
      }
      return "\(last.error) (\(last.target))"
    }
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
    let text = "\(error)"
    // Never quote a header's value: it could be a key or a token.
    if text.hasPrefix("HTTPClientError.invalidHeaderFieldValues") {
      return "a header value holds a character HTTP does not allow"
    }
    if text.hasPrefix("HTTPClientError.remoteConnectionClosed") {
      return "the server closed the connection without an answer (if it speaks HTTPS, write https://)"
    }
    return text
  }

  /// BoringSSL's reason (`CERTIFICATE_VERIFY_FAILED`) without the source path it quotes.
  static func shortDescription(of error: NIOSSLError) -> String {
    let text = "\(error)"
    guard let range = text.range(of: #"[A-Z]+(_[A-Z]+)+"#, options: .regularExpression) else { return text }
    return String(text[range])
  }

  /// The error code of an API envelope, if it is one.
  static func code(in data: Data) -> String? {
    guard data.count < 64 * 1024,
      let response = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["Response"]
        as? [String: Any]
    else { return nil }
    return (response["Error"] as? [String: Any])?["Code"] as? String
  }

  /// `AuthFailure.SignatureExpire`, with how far this machine's clock is from
  /// the server's, read from the answer's `Date` header.
  static func clockSkew(_ answer: AnswerDeadline.Answer, data: Data) -> TATError {
    let response =
      (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["Response"] as? [String: Any]
    let requestId = response?["RequestId"] as? String
    let message = (response?["Error"] as? [String: Any])?["Message"] as? String ?? ""
    guard let (header, serverTime) = serverTime(in: answer.headers) else {
      return TATError(
        code: "AuthFailure.SignatureExpire",
        message:
          "\(message) (the request was signed more than 5 minutes from the server's time: check this machine's clock)",
        requestId: requestId)
    }
    let skew = Int(Date().timeIntervalSince(serverTime).rounded())
    let direction = skew >= 0 ? "ahead of" : "behind"
    return TATError(
      code: "AuthFailure.SignatureExpire",
      message:
        "this machine's clock is \(abs(skew)) seconds \(direction) the server's (its Date header says \(header)); signatures are valid for 5 minutes: set the clock right (e.g. with NTP)",
      requestId: requestId)
  }

  /// The server's time, from an answer's `Date` header (`Thu, 03 Dec 2026 18:06:00 GMT`),
  /// with the header as it came; nil when there is none or it does not parse.
  static func serverTime(in headers: HTTPHeaders) -> (header: String, time: Date)? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE',' dd MMM yyyy HH':'mm':'ss zzz"
    guard let header = headers.first(name: "Date"), let time = formatter.date(from: header) else {
      return nil
    }
    return (header, time)
  }

  /// Whether `error` happened before a connection existed (refused, unresolvable, timed out connecting).
  static func isConnectionFailure(_ error: any Error) -> Bool {
    if error is NIOConnectionError { return true }
    if let error = error as? IOError,
      [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(error.errnoCode)
    {
      return true
    }
    if let error = error as? HTTPClientError, error == .connectTimeout { return true }
    if let error = error as? ChannelError, case .connectTimeout = error { return true }
    return false
  }
}
