import Foundation
import TATCloud
import TATCore

#if canImport(Glibc)
  import Glibc
#endif

/// The backend's part of `tatsh doctor`: which backend, the credentials and
/// their file, the region, and on the cloud one signed call that shows
/// whether the endpoint answers, how far the clocks are apart, and whether
/// the API takes the signature.
extension Doctor {
  /// A clock this far from the server's is worth a warning.
  static let skewWarning = 60.0
  /// Past this, the server holds every signature expired (`AuthFailure.SignatureExpire`).
  static let skewLimit = 300.0
  /// Seconds of skew that a `Date` header cannot tell from none: it counts
  /// whole seconds, and servers reuse it for a second.
  static let skewPrecision = 2.0

  /// The findings, and whether the embedded store is what tatsh would use
  /// (and so is worth checking): false for the cloud backend, nil when
  /// tatsh refuses the set-up and would use neither.
  func backendFindings(environment: [String: String]) async -> (findings: [DoctorFinding], usesStore: Bool?) {
    let choice: BackendChoice
    do {
      choice = try backendOptions.choice(environment: environment, store: storeOptions)
    } catch {
      let reason = "tatsh refuses this set-up (backend, above)"
      return (
        [.failed("backend", "\(error)")]
          + ["credentials", "region", "endpoint", "clock", "signed call"].map {
            .notChecked($0, because: reason)
          }, nil
      )
    }
    guard let settings = choice.cloud else {
      let notUsed = "the embedded backend answers from its store on this machine"
      return (
        [.passed("backend", "embedded: \(choice.reason)")]
          + choice.warnings.map { .warning("backend", $0) }
          + ["credentials", "region", "endpoint", "clock", "signed call"].map { .notApplicable($0, notUsed) },
        true
      )
    }
    var findings: [DoctorFinding] = [
      .passed(
        "backend", "cloud at \(settings.endpoint) (\(settings.endpointSource)): \(choice.reason)"
      )
    ]
    findings += credentialFindings(settings, warnings: choice.warnings)
    findings += regionFindings(settings)
    findings += await callFindings(settings)
    return (findings, false)
  }

  /// Where the key comes from, masked, and whether its file is private.
  private func credentialFindings(_ settings: CloudSettings, warnings: [String]) -> [DoctorFinding] {
    let token =
      settings.credentials.token == nil
      ? "no session token" : "a session token from \(settings.tokenSource ?? settings.credentialSource)"
    var findings: [DoctorFinding] = [
      .passed(
        "credentials",
        "SecretId \(settings.credentials.maskedSecretId) from \(settings.credentialSource); \(token)")
    ]
    let fileWarning = settings.credentialFile.flatMap(CredentialFile.warning(for:))
    let regionWarning = try? settings.checkRegion()
    // The file's and the region's warnings have lines of their own.
    for warning in warnings where warning != fileWarning && warning != regionWarning {
      findings.append(.warning("credentials", warning))
    }
    if let file = settings.credentialFile {
      if let exposure = CredentialFile.exposure(of: file) {
        findings.append(
          .failed(
            "key file", "\(exposure), so they could sign requests as you",
            fix: CredentialFile.remedy(for: file)))
      } else {
        findings.append(
          .passed("key file", "\(file) is private\(Self.mode(of: file).map { " (mode \($0))" } ?? "")"))
      }
    }
    return findings
  }

  /// The permission bits of `path` in octal, if it can be examined.
  private static func mode(of path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return String(status.st_mode & 0o777, radix: 8)
  }

  private func regionFindings(_ settings: CloudSettings) -> [DoctorFinding] {
    // A region tatsh refuses made the choice fail already; what is left is fine or a warning.
    if let warning = try? settings.checkRegion() {
      // A missing region's warning says where to set one; an unknown one's needs a hint.
      return [
        .warning(
          "region", warning,
          fix: settings.region == nil
            ? nil : "check its spelling: tatsh --backend embedded -c regions lists those tatsh knows")
      ]
    }
    guard let region = settings.region else { return [] }
    let name = Regions.named.first { $0.region == region }?.name
    return [
      .passed(
        "region", "\(region)\(name.map { ", \($0)," } ?? "") from \(settings.regionSource ?? "--region")")
    ]
  }

  /// What to do when no answer came, for what the failure says went wrong.
  static func endpointFix(
    for message: String, settings: CloudSettings, seconds: Double, certificateAuthority: String?
  ) -> String? {
    let endpoint = "--endpoint (\(settings.endpoint), from \(settings.endpointSource))"
    // The message says what to do already.
    if message.contains("give the scheme: ") { return nil }
    if message.contains("is not trusted") {
      if let given = certificateAuthority {
        return
          "the certificate in --cacert \(given) is not the one the endpoint presents: give the server's (tatsh serve --tls-cert's), or check \(endpoint)"
      }
      return nil
    }
    if message.contains("if it speaks HTTPS, write https://") {
      return "if the server speaks HTTPS, write https:// in \(endpoint)"
    }
    if message.contains("not in HTTP") {
      return "point \(endpoint) at the TAT API's port (tatsh serve says it: listening on …)"
    }
    if message.contains("cannot resolve") {
      return "check the host's spelling in \(endpoint), and that this machine's DNS works"
    }
    if message.contains("in time") {
      return
        "a server that takes more than \(String(format: "%g", seconds)) s to answer is stuck or overloaded: check \(endpoint); --timeout gives a slow one longer"
    }
    return "check \(endpoint), and that it is up and reachable from here"
  }

  /// One signed `DescribeInvocations` of one invocation: whether the endpoint answers, the clocks,
  /// and the API's verdict; an action that reads the service's store, unlike `DescribeRegions`.
  private func callFindings(_ settings: CloudSettings) async -> [DoctorFinding] {
    let seconds = backendOptions.timeout ?? Self.defaultTimeout
    let cloud: CloudTAT
    do {
      cloud = try CloudTAT(
        settings: settings, timeout: .milliseconds(Int64(seconds * 1000)),
        trusting: backendOptions.certificateAuthority)
    } catch {
      return [
        .failed("endpoint", "--cacert \((error as? TATError)?.message ?? "\(error)")"),
        .notChecked("clock", because: "nothing was sent"),
        .notChecked("signed call", because: "nothing was sent"),
      ]
    }
    let probe: CloudTAT.Probe
    do {
      probe = try await cloud.probe(DescribeInvocationsRequest(limit: 1))
    } catch {
      let message = (error as? TATError)?.message ?? "\(error)"
      return [
        .failed(
          "endpoint", message,
          fix: Self.endpointFix(
            for: message, settings: settings, seconds: seconds,
            certificateAuthority: backendOptions.certificateAuthority)),
        .notChecked("clock", because: "no answer came"),
        .notChecked("signed call", because: "no answer came"),
      ]
    }
    var findings: [DoctorFinding] = [
      .passed("endpoint", "\(settings.endpoint) answered in \(Self.milliseconds(probe.latency))")
    ]
    findings.append(Self.clockFinding(probe))
    findings.append(Self.callFinding(probe, settings: settings))
    return findings
  }

  /// `3 ms`, `0.8 ms`, `1.24 s`.
  static func milliseconds(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    return seconds * 1000 < 10
      ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.0f ms", seconds * 1000)
  }

  /// This machine's clock against the server's `Date`.
  static func clockFinding(_ probe: CloudTAT.Probe) -> DoctorFinding {
    guard let skew = probe.clockSkew, let header = probe.dateHeader else {
      return .warning("clock", "the answer had no Date header, so the clocks cannot be compared")
    }
    // The header counts whole seconds, and may be a second old: two apart is as close as it can tell.
    let seconds = Int(abs(skew).rounded())
    guard seconds > Int(Self.skewPrecision) else {
      return .passed("clock", "in step with the server's, as near as its Date header tells (Date: \(header))")
    }
    let apart =
      "this machine's clock is \(seconds) s \(skew > 0 ? "ahead of" : "behind") the server's (Date: \(header))"
    let fix = "set the clock right, e.g. with NTP (timedatectl set-ntp true)"
    if abs(skew) > skewLimit {
      return .failed(
        "clock", "\(apart): past \(Int(skewLimit)) s signatures expire, and the server refuses every call",
        fix: fix)
    }
    if abs(skew) > skewWarning {
      return .warning(
        "clock",
        "\(apart): past \(Int(skewLimit)) s signatures expire, and the server would refuse every call",
        fix: fix)
    }
    return .passed("clock", apart)
  }

  /// What the API said of the signed call: its answer, or its error code and RequestId, with the fix.
  static func callFinding(_ probe: CloudTAT.Probe, settings: CloudSettings) -> DoctorFinding {
    let requestId = probe.requestId.map { "RequestId \($0)" } ?? "no RequestId"
    guard let failure = probe.failure else {
      return .passed("signed call", "\(probe.action) answered (\(requestId))")
    }
    // An answer with no RequestId did not come from the TAT API, whatever code tatsh gave it.
    guard let id = failure.requestId ?? probe.requestId else {
      return .failed(
        "signed call", "\(probe.action): the answer is not the TAT API's: \(failure.message)",
        fix: "point --endpoint (\(settings.endpoint), from \(settings.endpointSource)) at the TAT API")
    }
    let detail = "\(probe.action) refused: \(failure.code): \(failure.message) (RequestId \(id))"
    if failure.code == "AuthFailure.SignatureExpire" {
      return .failed(
        "signed call", "\(probe.action) refused: \(failure.code), because of the clock (above) (\(requestId))"
      )
    }
    return .failed("signed call", detail, fix: fix(for: failure.code, settings: settings))
  }

  /// What to do about an error code the signed call met.
  private static func fix(for code: String, settings: CloudSettings) -> String? {
    let key = "SecretId \(settings.credentials.maskedSecretId) from \(settings.credentialSource)"
    switch code {
    case "AuthFailure.SecretIdNotFound":
      return
        "the endpoint does not know the \(key): give a key it issued (tatsh config shows where it comes from)"
    case "AuthFailure.SignatureFailure":
      return "the SecretKey is not the one issued with the \(key): set the pair again"
    case "AuthFailure.TokenFailure", "UnauthorizedOperation.InvalidToken":
      return "the session token is wrong or has expired: get a new temporary key and token"
    case "AuthFailure.UnauthorizedOperation", "UnauthorizedOperation.CamAuthFailed":
      return "the key works but may not read TAT: grant it TAT's read actions in CAM"
    case "UnsupportedRegion":
      return "choose a region the endpoint serves: --region ap-guangzhou, for example"
    case "InternalError":
      return "the service failed inside: try again later; if it goes on, report the RequestId to its operator"
    default:
      return nil
    }
  }
}
