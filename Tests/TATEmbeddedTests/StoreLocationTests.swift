import TATEmbedded
import Testing

@Suite("StoreLocation")
struct StoreLocationTests {
  let everything = [
    "TATSH_STORE": "/env/store.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ops",
  ]

  @Test("an explicit path wins over everything")
  func explicitWins() {
    #expect(
      StoreLocation.path(explicit: "/flag/tat.sqlite", environment: everything)
        == "/flag/tat.sqlite")
    #expect(StoreLocation.path(explicit: "relative.sqlite", environment: [:]) == "relative.sqlite")
  }

  @Test("then TATSH_STORE")
  func environmentVariable() {
    #expect(StoreLocation.path(explicit: nil, environment: everything) == "/env/store.sqlite")
    #expect(StoreLocation.path(explicit: "", environment: everything) == "/env/store.sqlite")
  }

  @Test("then XDG_DATA_HOME/tatsh/tat.sqlite")
  func xdgDataHome() {
    var environment = everything
    environment["TATSH_STORE"] = nil
    #expect(StoreLocation.path(explicit: nil, environment: environment) == "/xdg/tatsh/tat.sqlite")
    environment["TATSH_STORE"] = ""
    #expect(StoreLocation.path(explicit: nil, environment: environment) == "/xdg/tatsh/tat.sqlite")
  }

  @Test("then HOME/.local/share/tatsh/tat.sqlite")
  func home() {
    #expect(
      StoreLocation.path(explicit: nil, environment: ["HOME": "/home/ops"])
        == "/home/ops/.local/share/tatsh/tat.sqlite")
    // An empty or relative XDG_DATA_HOME is ignored, as the XDG specification says.
    for xdg in ["", "relative/data"] {
      #expect(
        StoreLocation.path(explicit: nil, environment: ["XDG_DATA_HOME": xdg, "HOME": "/home/ops"])
          == "/home/ops/.local/share/tatsh/tat.sqlite")
    }
  }
}
