import Foundation
import Testing

@testable import TATCloud

/// Finding credentials and region as the official tools do, first match winning.
@Suite struct CloudSettingsTests {
  func home(profiles: [String: String] = [:]) throws -> String {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tatsh-home-\(UUID().uuidString)")
    let folder = home.appendingPathComponent(".tccli")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (file, text) in profiles {
      try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    return home.path
  }

  @Test func flagsThenEnvironmentThenProfile() throws {
    let home = try home(profiles: [
      "default.credential": #"{"secretId":"AKIDprofile","secretKey":"profile-key"}"#,
      "default.configure": #"{"_sys_param":{"region":"ap-beijing","output":"json"}}"#,
    ])
    var environment = ["HOME": home]
    let fromProfile = try #require(try CloudSettings.resolve(environment: environment))
    #expect(fromProfile.credentials.secretId == "AKIDprofile")
    #expect(fromProfile.region == "ap-beijing")
    #expect(fromProfile.credentialSource == "profile default")
    #expect(fromProfile.endpoint == "tat.tencentcloudapi.com")

    environment["TENCENTCLOUD_SECRET_ID"] = "AKIDenv"
    environment["TENCENTCLOUD_SECRET_KEY"] = "env-key"
    environment["TENCENTCLOUD_TOKEN"] = "env-token"
    environment["TENCENTCLOUD_REGION"] = "ap-shanghai"
    let fromEnvironment = try #require(try CloudSettings.resolve(environment: environment))
    #expect(
      fromEnvironment.credentials
        == Credentials(secretId: "AKIDenv", secretKey: "env-key", token: "env-token"))
    #expect(fromEnvironment.region == "ap-shanghai")

    let fromFlags = try #require(
      try CloudSettings.resolve(
        secretId: "AKIDflag", secretKey: "flag-key", region: "ap-hongkong", endpoint: "127.0.0.1:9000",
        environment: environment))
    #expect(fromFlags.credentials.secretId == "AKIDflag")
    #expect(fromFlags.region == "ap-hongkong")
    #expect(fromFlags.endpoint == "127.0.0.1:9000")
  }

  @Test func aNamedProfileAndItsRegion() throws {
    let home = try home(profiles: [
      "prod.credential": #"{"secretId":"AKIDprod","secretKey":"prod-key","token":"prod-token"}"#,
      "prod.configure": #"{"region":"na-ashburn"}"#,
    ])
    let settings = try #require(try CloudSettings.resolve(profile: "prod", environment: ["HOME": home]))
    #expect(settings.credentials.token == "prod-token")
    #expect(settings.region == "na-ashburn")
    #expect(throws: CloudSettings.Problem.self) {
      try CloudSettings.resolve(profile: "staging", environment: ["HOME": home])
    }
  }

  @Test func nothingFoundIsNilAndMistakesAreClearWithoutSecrets() throws {
    #expect(try CloudSettings.resolve(environment: ["HOME": try home()]) == nil)
    do {
      _ = try CloudSettings.resolve(secretId: "AKIDonly", environment: ["HOME": try home()])
      Issue.record("a lone --secret-id was accepted")
    } catch {
      #expect("\(error)" == "give both --secret-id and --secret-key, or neither")
    }
    let broken = try home(profiles: ["default.credential": #"{"secretId":"AKIDx","secretKey":"#])
    do {
      _ = try CloudSettings.resolve(environment: ["HOME": broken])
      Issue.record("a broken profile was accepted")
    } catch {
      #expect("\(error)".hasSuffix("/.tccli/default.credential is not a JSON object"))
    }
    let partial = try home(profiles: ["default.credential": #"{"secretId":"AKIDx","secretKey":"the-secret"}"#]
    )
    let settings = try #require(try CloudSettings.resolve(environment: ["HOME": partial]))
    #expect(!"\(settings)".contains("the-secret"))
  }
}
