import TATCore

/// The worked example of the public `DescribeInvocations` page, held field
/// for field so that the embedded store answers it exactly as documented.
public enum SeedExample {
  public static let invocationId = "inv-q4zp60g0"
  public static let commandId = "cmd-9dxzty3m"

  public static let invocation = Invocation(
    invocationId: invocationId,
    commandId: commandId,
    invocationStatus: "SUCCESS",
    invocationTaskBasicInfoSet: tasks.map {
      InvocationTaskBasicInfo(
        invocationTaskId: $0.invocationTaskId, taskStatus: $0.taskStatus, instanceId: $0.instanceId)
    },
    description: "Test Invocation",
    startTime: "2020-11-09T07:21:59+00:00",
    endTime: "2020-11-09T07:22:08+00:00",
    createdTime: "2020-11-09T07:21:59+00:00",
    updatedTime: "2020-11-09T07:22:08+00:00",
    parameters: "",
    defaultParameters: "{\"k1\":\"v1\"}",
    instanceKind: "CVM",
    username: "root",
    invocationSource: "USER",
    commandContent: "cHdk",
    commandType: "SHELL",
    timeout: 60,
    workingDirectory: "/root",
    outputCOSBucketUrl: "https://example-123456789.cos.ap-beijing.myqcloud.com",
    outputCOSKeyPrefix: "cosprefix")

  /// The three tasks the example lists; their results are not on the page,
  /// so they say what `pwd` in `/root` says.
  public static let tasks: [InvocationTask] = [
    ("invt-kakne8h2", "ins-zj0f57ew", 1), ("invt-jc2onrxm", "ins-zj0f57ex", 2),
    ("invt-6xmuisyq", "ins-zj0f57ev", 3),
  ].map { taskId, instanceId, second in
    InvocationTask(
      invocationId: invocationId, invocationTaskId: taskId, commandId: commandId,
      taskStatus: "SUCCESS", instanceId: instanceId,
      taskResult: TaskResult(
        exitCode: 0, output: "L3Jvb3QK", execStartTime: "2020-11-09T07:22:0\(second)+00:00",
        execEndTime: "2020-11-09T07:22:0\(second + 1)+00:00", dropped: 0, outputUrl: "",
        outputUploadCOSErrorInfo: ""),
      startTime: "2020-11-09T07:21:59+00:00", endTime: "2020-11-09T07:22:08+00:00",
      createdTime: "2020-11-09T07:21:59+00:00", updatedTime: "2020-11-09T07:22:08+00:00",
      commandDocument: CommandDocument(
        content: "cHdk", commandType: "SHELL", timeout: 60, workingDirectory: "/root",
        username: "root", outputCOSBucketUrl: "https://example-123456789.cos.ap-beijing.myqcloud.com",
        outputCOSKeyPrefix: "cosprefix"),
      errorInfo: "", invocationSource: "USER")
  }

  public static let command = Command(
    commandId: commandId, commandName: "print-working-directory", description: "Test command",
    content: "cHdk", commandType: "SHELL", workingDirectory: "/root", timeout: 60,
    createdTime: "2020-11-09T07:20:12+00:00", updatedTime: "2020-11-09T07:20:12+00:00",
    enableParameter: true, defaultParameters: "{\"k1\":\"v1\"}", scenes: [], formattedDescription: "",
    createdBy: "USER", tags: [], username: "root",
    outputCOSBucketUrl: "https://example-123456789.cos.ap-beijing.myqcloud.com",
    outputCOSKeyPrefix: "cosprefix")
}
