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
      #expect("\(error)".contains("/.tccli/default.credential:1:33: not valid JSON"), "\(error)")
    }
    let partial = try home(profiles: ["default.credential": #"{"secretId":"AKIDx","secretKey":"the-secret"}"#]
    )
    let settings = try #require(try CloudSettings.resolve(environment: ["HOME": partial]))
    #expect(!"\(settings)".contains("the-secret"))
  }

  /// The README's table, the region column, row by row.
  @Test func regionsComeFromTheFlagThenANamedProfileThenTheEnvironmentThenTheDefaultProfile() throws {
    let home = try home(profiles: [
      "default.credential": #"{"secretId":"AKIDdefault","secretKey":"k"}"#,
      "default.configure": #"{"_sys_param":{"region":"ap-beijing"}}"#,
      "prod.credential": #"{"secretId":"AKIDprod","secretKey":"k"}"#,
      "prod.configure": #"{"_sys_param":{"region":"ap-shanghai"}}"#,
    ])
    var environment = ["HOME": home]
    #expect(try CloudSettings.resolve(environment: environment)?.region == "ap-beijing")
    environment["TENCENTCLOUD_REGION"] = "ap-chengdu"
    #expect(try CloudSettings.resolve(environment: environment)?.region == "ap-chengdu")
    let named = try #require(try CloudSettings.resolve(profile: "prod", environment: environment))
    #expect(named.region == "ap-shanghai")
    #expect(named.overridden.contains { $0.hasPrefix("region ap-chengdu from TENCENTCLOUD_REGION") })
    environment["TCCLI_PROFILE"] = "prod"
    #expect(try CloudSettings.resolve(environment: environment)?.credentials.secretId == "AKIDprod")
    #expect(try CloudSettings.resolve(environment: environment)?.region == "ap-shanghai")
    let flag = try #require(try CloudSettings.resolve(region: "ap-hongkong", environment: environment))
    #expect(flag.region == "ap-hongkong")
    #expect(flag.regionSource == "--region")
  }

  @Test func regionsAreCheckedForShape() throws {
    func settings(_ region: String?, endpoint: String? = nil) -> CloudSettings {
      CloudSettings(
        credentials: Credentials(secretId: "AKIDx", secretKey: "k"), region: region,
        endpoint: endpoint ?? CloudSettings.defaultEndpoint, credentialSource: "test",
        regionSource: region.map { _ in "--region" },
        endpointSource: endpoint == nil ? "default" : "--endpoint")
    }
    #expect(try settings("ap-guangzhou").checkRegion() == nil)
    #expect(try settings("ap-shanghai-fsi").checkRegion() == nil)
    #expect(try settings("xx-nowhere-9").checkRegion()?.contains("not a region tatsh knows") == true)
    #expect(throws: CloudSettings.Problem.self) { try settings("AP-GUANGZHOU").checkRegion() }
    #expect(throws: CloudSettings.Problem.self) { try settings("").checkRegion() }
    #expect(throws: CloudSettings.Problem.self) { try settings("guangzhou").checkRegion() }
    #expect(throws: CloudSettings.Problem.self) { try settings(nil).checkRegion() }
    #expect(try settings(nil, endpoint: "http://127.0.0.1:9").checkRegion()?.contains("no region") == true)
  }

  /// Only the sources that are used must be right: a half-set or broken
  /// environment does not stop keys given on the command line.
  @Test func aSourceThatIsNotUsedNeedNotBeRight() throws {
    let home = try home()
    let broken = ["HOME": home, "TENCENTCLOUD_SECRET_ID": "AKIDhalf"]
    let flags = try #require(try CloudSettings.resolve(secretId: "AKIDflag", secretKey: "k", environment: broken))
    #expect(flags.credentials.secretId == "AKIDflag")
    #expect(throws: CloudSettings.Problem.self) { try CloudSettings.resolve(environment: broken) }
  }
}
