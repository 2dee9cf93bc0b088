import Testing

@testable import TatshEngine

/// Mistakes the planner catches before any request is made.
@Suite struct PlannerDiagnosticTests {
  func diagnostic(_ source: String) -> String? {
    do {
      _ = try Session.plans(for: source)
      return nil
    } catch {
      return error.rendered(in: source, origin: "t")
    }
  }

  @Test func unknownFieldSuggestsTheAlias() {
    let text = diagnostic("invocations where stauts=FAILED")
    #expect(text?.contains("unknown field 'stauts' of invocations") == true)
    #expect(text?.contains("did you mean 'status'?") == true)
  }

  @Test func enumeratedValuesAreCheckedAndSuggested() {
    let text = diagnostic("invocations where status=FAILD")
    #expect(text?.contains("'FAILD' is not a value of InvocationStatus") == true)
    #expect(text?.contains("did you mean 'FAILED'?") == true)
    #expect(diagnostic("invocations where status=failed") == nil)
  }

  @Test func apiOnlyFieldsCannotBeEvaluatedClientSide() {
    let text = diagnostic("invocations where command-created-by=TAT or status=FAILED")
    #expect(text?.contains("decided by the API alone") == true)
  }

  @Test func tasksNeedsInvocations() {
    #expect(diagnostic("commands | tasks")?.contains("'tasks' needs invocations") == true)
    #expect(diagnostic("invocations | select id | tasks")?.contains("'tasks' needs invocations") == true)
    #expect(diagnostic("invocations | select id, tasks | tasks") == nil)
  }

  @Test func stagesInTheWrongPlace() {
    #expect(diagnostic("decode | count")?.contains("cannot start a pipeline") == true)
    #expect(diagnostic("invocations | commands")?.contains("is a source") == true)
    #expect(diagnostic("invocations | json | count")?.contains("cannot follow an output stage") == true)
    #expect(diagnostic("invocations | first ten")?.contains("one whole number") == true)
    #expect(diagnostic("invocations | decode now")?.contains("takes no arguments") == true)
  }

  @Test func fieldsAfterSelectAreOnlyTheSelectedOnes() {
    #expect(
      diagnostic("invocations | select id | where status=FAILED")?.contains("unknown field 'status'") == true)
    #expect(diagnostic("invocations | select id, status | where status=FAILED") == nil)
  }

  @Test func badRegularExpressionIsReported() {
    #expect(diagnostic("tasks where output ~ '(unclosed'")?.contains("invalid regular expression") == true)
  }
}
