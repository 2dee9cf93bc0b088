import TATCore

/// The demo's invokers and the times each invoked: a nightly backup that
/// still names a machine whose agent went offline, an hourly disk check, a
/// daily clean-up someone disabled, and a one-off update still to come.
/// Recurrences are read in Beijing time (UTC+8), as the API reads them.
struct DemoSchedule {
  var invoker: Invoker
  /// When it invoked, oldest first, in seconds since 1970.
  var times: [Int]
  /// The record of one of its invocations, as `DescribeInvokerRecords` answers it.
  func record(at time: Int, invocationId: String, result: String) -> InvokerRecord {
    InvokerRecord(
      invokerId: invoker.invokerId, invokeTime: APITimestamp.string(fromEpochSeconds: time),
      reason: invoker.scheduleSettings?.recurrence.map { "Recurrence \($0) (Beijing time)" } ?? "Once",
      invocationId: invocationId, result: result)
  }

  /// The schedules of a dataset of `invocationCount` invocations: at most a
  /// quarter of them come from schedules.
  static func all(
    ids: DemoIDs, fleet: DemoFleet, commands: [Command], endTime: Int, invocationCount: Int
  ) -> [DemoSchedule] {
    let hour = 3_600
    let day = 24 * hour
    let budget = invocationCount / 4
    let nightly = min(30, budget * 2 / 5)
    let hourly = min(48, budget * 2 / 5)
    let cleanUps = max(0, min(20, budget - nightly - hourly))
    let latest = endTime - 600
    let disabledAt = endTime - 10 * day
    func command(_ name: String) -> Command {
      commands.first { $0.commandName == name } ?? commands[0]
    }
    func invoker(
      _ index: Int, _ name: String, command name2: String, on instances: [String], enabled: Bool = true,
      _ settings: ScheduleSettings, created: Int, updated: Int? = nil
    ) -> Invoker {
      Invoker(
        invokerId: ids.invoker(index), name: name, commandId: command(name2).commandId, username: "root",
        parameters: "{}", instanceIds: instances, enable: enabled, scheduleSettings: settings,
        createdTime: time(created), updatedTime: time(updated ?? created),
        tags: [Tag(key: "team", value: "ops")])
    }
    // 02:00 and 04:30 in Beijing are 18:00 and 20:30 UTC.
    let nightlyTimes = times(count: nightly, every: day, at: 18 * hour, until: latest)
    let hourlyTimes = times(count: hourly, every: hour, at: 0, until: latest)
    let cleanUpTimes = times(count: cleanUps, every: day, at: 20 * hour + 1_800, until: disabledAt)
    return [
      DemoSchedule(
        invoker: invoker(
          0, "nightly-mysql-backup", command: "backup-mysql",
          on: [fleet.lostCVM] + fleet.healthy(1, of: "CVM", skipping: 0),
          ScheduleSettings(policy: ScheduleSettings.recurrence, recurrence: "0 2 * * *"),
          created: (nightlyTimes.first ?? endTime - day) - 3 * hour),
        times: nightlyTimes),
      DemoSchedule(
        invoker: invoker(
          1, "hourly-disk-check", command: "check-disk-usage", on: fleet.healthy(3, of: "CVM", skipping: 1),
          ScheduleSettings(policy: ScheduleSettings.recurrence, recurrence: "0 * * * *"),
          created: (hourlyTimes.first ?? endTime - hour) - 600),
        times: hourlyTimes),
      DemoSchedule(
        invoker: invoker(
          2, "daily-clean-tmp", command: "clean-tmp", on: fleet.healthy(2, of: "LIGHTHOUSE", skipping: 0),
          enabled: false, ScheduleSettings(policy: ScheduleSettings.recurrence, recurrence: "30 4 * * *"),
          created: (cleanUpTimes.first ?? disabledAt - day) - 3 * hour, updated: disabledAt),
        times: cleanUpTimes),
      DemoSchedule(
        invoker: invoker(
          3, "apply-security-updates", command: "update-packages",
          on: fleet.healthy(4, of: "CVM", skipping: 4),
          ScheduleSettings(
            policy: ScheduleSettings.once, invokeTime: time((endTime / hour + 3 * 24) * hour)),
          created: endTime - 2 * day),
        times: []),
    ]
  }

  /// The last `count` times at `offset` seconds into each `period` up to `end`, oldest first.
  private static func times(count: Int, every period: Int, at offset: Int, until end: Int) -> [Int] {
    guard count > 0 else { return [] }
    let last = (end - offset) / period * period + offset
    return (0..<count).reversed().map { last - $0 * period }
  }

  private static func time(_ seconds: Int) -> String { APITimestamp.string(fromEpochSeconds: seconds) }
}
