import TATCore
import Testing

@Suite("ResourceID")
struct ResourceIDTests {
  @Test(
    "accepts a prefix and eight lowercase letters or digits",
    arguments: [
      ("inv-q4zp60g0", ResourceID.invocationPrefix),
      ("inv-00000000", ResourceID.invocationPrefix),
      ("inv-zzzzzzzz", ResourceID.invocationPrefix),
      ("cmd-9dxzty3m", ResourceID.commandPrefix),
      ("invt-kakne8h2", ResourceID.invocationTaskPrefix),
      ("ins-zj0f57ew", "ins-"),
    ])
  func acceptsWellFormed(id: String, prefix: String) {
    #expect(ResourceID.isWellFormed(id, prefix: prefix))
  }

  @Test(
    "rejects anything else",
    arguments: [
      ("", ResourceID.invocationPrefix),
      ("inv-", ResourceID.invocationPrefix),
      ("inv-q4zp60g", ResourceID.invocationPrefix),
      ("inv-q4zp60g00", ResourceID.invocationPrefix),
      ("inv-Q4ZP60G0", ResourceID.invocationPrefix),
      ("inv-q4zP60g0", ResourceID.invocationPrefix),
      ("INV-q4zp60g0", ResourceID.invocationPrefix),
      ("inv_q4zp60g0", ResourceID.invocationPrefix),
      ("inv-q4zp-0g0", ResourceID.invocationPrefix),
      ("inv-q4zp_0g0", ResourceID.invocationPrefix),
      (" inv-q4zp60g0", ResourceID.invocationPrefix),
      ("inv-q4zp60g0 ", ResourceID.invocationPrefix),
      ("inv-q4zp60g\n", ResourceID.invocationPrefix),
      ("inv-q4zp60gé", ResourceID.invocationPrefix),
      ("inv-q4zp60g\u{0660}", ResourceID.invocationPrefix),
      ("inv-ｑ4zp60g0", ResourceID.invocationPrefix),
      ("cmd-q4zp60g0", ResourceID.invocationPrefix),
      ("invt-kakne8h2", ResourceID.invocationPrefix),
      ("inv-q4zp60g0", ResourceID.invocationTaskPrefix),
      ("inv-q4zp60g0", ResourceID.commandPrefix),
      ("q4zp60g0", ResourceID.commandPrefix),
    ])
  func rejectsMalformed(id: String, prefix: String) {
    #expect(!ResourceID.isWellFormed(id, prefix: prefix))
  }

  @Test("the prefixes are the API's")
  func prefixes() {
    #expect(ResourceID.invocationPrefix == "inv-")
    #expect(ResourceID.invocationTaskPrefix == "invt-")
    #expect(ResourceID.commandPrefix == "cmd-")
  }
}
