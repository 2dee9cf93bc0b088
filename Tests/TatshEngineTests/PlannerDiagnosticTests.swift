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

/// A `where` after a stage that acts on each record would act first and filter after.
@Suite struct ActingStagesTests {
  func diagnostic(_ source: String) -> String? {
    PlannerDiagnosticTests().diagnostic(source)
  }

  @Test func aConditionAfterAStageThatActsIsRefused() {
    for (program, verb) in [
      ("invocations | cancel where status=RUNNING", "cancel every record"),
      ("invocations | rerun where status=FAILED", "rerun every record"),
      ("invocations | each 'echo {{id}}' where status=FAILED", "run the command for every record"),
    ] {
      let text = diagnostic(program)
      #expect(text?.contains("would \(verb) and only then filter what it hands on") == true, "\(program)")
      #expect(text?.contains("filter first, as in … | where CONDITION |") == true, "\(program)")
    }
    #expect(diagnostic("invocations | where status=RUNNING | cancel") == nil)
  }

  @Test func flagsAreCheckedOnceEachAndTheirValuesFirst() {
    #expect(
      diagnostic("run 'x' on mi-local001 --timeout 5s --timeout 6s")?.contains("--timeout is given twice")
        == true)
    #expect(diagnostic("invocations | rerun --wait --wait")?.contains("--wait is given twice") == true)
    #expect(
      diagnostic("invocations | each --parallel 'true'")?.contains("--parallel takes a number of commands")
        == true)
    #expect(diagnostic("invocations | each --timeout 'true'")?.contains("--timeout takes a duration") == true)
    #expect(diagnostic("invocations | each --parallel 2 'true'") == nil)
  }

  @Test func aSourceMissingItsSIsSteeredAndAStatementOutOfPlaceIsNamed() {
    let source = diagnostic("invocation")
    #expect(
      source?.contains(
        "start with invocations, tasks, commands, regions, agents, registered, invokers, invoker-records, open FILE, from json, run"
      ) == true)
    #expect(source?.contains("did you mean 'invocations'?") == true)
    #expect(
      diagnostic("explain explain invocations")?.contains("'explain' starts a statement of its own") == true)
  }
}
