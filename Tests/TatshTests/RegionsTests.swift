import Foundation
import TatshTestSupport
import Testing

/// `regions`, a source added with the `DescribeRegions` action: its request
/// type, one line in the list of actions, the embedded answer and a record
/// kind. Each backend answers it, and so does `tatsh serve` to the official SDK.
@Suite struct RegionsTests {
  /// `DescribeRegions`, an action added by its request type and one line in the list of actions.
  @Test func theOfficialSDKListsTheRegionsThroughServe() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDinterop", "--secret-key", "interop-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let printed = try ServeSecurityTests.call(port, "AKIDinterop", "interop-key", "DescribeRegions")
    try #require(printed.hasPrefix("OK "), "\(printed)")
    let response = try #require(
      try JSONSerialization.jsonObject(with: Data(printed.dropFirst("OK ".count).utf8)) as? [String: Any])
    let regions = try #require(response["RegionSet"] as? [[String: Any]])
    #expect(response["TotalCount"] as? Int == regions.count)
    #expect(regions.count >= 20)
    #expect((response["RequestId"] as? String)?.count == 36)
    let names = regions.compactMap { $0["Region"] as? String }
    #expect(names.count == regions.count && names == names.sorted())
    #expect(names.contains("ap-guangzhou") && names.contains("na-siliconvalley"))
    let guangzhou = try #require(regions.first { $0["Region"] as? String == "ap-guangzhou" })
    #expect(guangzhou["RegionName"] as? String == "South China (Guangzhou)")
    for region in regions {
      #expect(region["RegionState"] as? String == "AVAILABLE", "\(region)")
      #expect((region["RegionName"] as? String)?.isEmpty == false, "\(region)")
    }
  }

  @Test func theEmbeddedAndTheCloudBackendListTheSameRegions() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let embedded = try tatsh.run(["-c", "regions where name ~ Guangzhou"])
    #expect(embedded.status == 0, "\(embedded.standardError)")
    #expect(
      embedded.standardOutput
        == #"{"Region":"ap-guangzhou","RegionName":"South China (Guangzhou)","RegionState":"AVAILABLE"}"#
        + "\n")
    let count = try tatsh.run(["-c", "regions where state=AVAILABLE | count"])
    #expect(count.standardOutput == #"{"count":21}"# + "\n")

    let (server, port) = try tatsh.startServer(["--secret-id", "AKIDregions", "--secret-key", "regions-key"])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let cloud = [
      "TENCENTCLOUD_SECRET_ID": "AKIDregions", "TENCENTCLOUD_SECRET_KEY": "regions-key",
      "TENCENTCLOUD_REGION": "ap-guangzhou",
    ]
    for pipeline in ["regions", "regions | sort by name desc | first 3 | select id", "regions | csv"] {
      let local = try tatsh.run(["-c", pipeline])
      let remote = try tatsh.run(
        ["--endpoint", "http://127.0.0.1:\(port)", "--verbose", "-c", pipeline], environment: cloud)
      #expect(remote.status == 0, "\(pipeline): \(remote.standardError)")
      #expect(remote.standardOutput == local.standardOutput, "\(pipeline)")
      #expect(
        remote.standardError.contains("DescribeRegions {} → 21 of 21, RequestId"), "\(remote.standardError)")
    }
  }

  @Test func regionsTakeNoIdsAndTheirFieldsAreKnown() throws {
    let tatsh = TatshBinary()
    defer { tatsh.removeStore() }
    let withId = try tatsh.run(["-c", "regions ap-guangzhou"])
    #expect(withId.status == 2)
    #expect(withId.standardError.contains("'regions' takes no ids (DescribeRegions answers every one)"))
    let wrongField = try tatsh.run(["-c", "regions where regoin=ap-guangzhou"])
    #expect(wrongField.status == 2)
    #expect(wrongField.standardError.contains("did you mean 'Region'?"), "\(wrongField.standardError)")
    let fields = try tatsh.run(["-c", "help fields regions"])
    #expect(fields.standardOutput.contains("RegionState  state       one of AVAILABLE, UNAVAILABLE"))
    // A region opened after tatsh was built can still be asked about.
    let newRegion = try tatsh.run(["-c", "regions where id=ap-newtown | count"])
    #expect(newRegion.status == 0, "\(newRegion.standardError)")
    #expect(newRegion.standardOutput == #"{"count":0}"# + "\n")
    let explained = try tatsh.run(["-c", "explain regions | first 2"])
    #expect(explained.standardOutput.hasPrefix("DescribeRegions (1 call, every record at once)\n"))
  }
}
