// The API's types as `JSONWriter` writes them: every field, in the order and
// under the names of their `CodingKeys`.

extension Invocation: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invocationId, invocationId)
      w.field(CodingKeys.commandId, commandId)
      w.field(CodingKeys.commandName, commandName)
      w.field(CodingKeys.invocationStatus, invocationStatus)
      w.field(CodingKeys.invocationTaskBasicInfoSet, invocationTaskBasicInfoSet)
      w.field(CodingKeys.description, description)
      w.field(CodingKeys.startTime, startTime)
      w.field(CodingKeys.endTime, endTime)
      w.field(CodingKeys.createdTime, createdTime)
      w.field(CodingKeys.updatedTime, updatedTime)
      w.field(CodingKeys.parameters, parameters)
      w.field(CodingKeys.defaultParameters, defaultParameters)
      w.field(CodingKeys.instanceKind, instanceKind)
      w.field(CodingKeys.username, username)
      w.field(CodingKeys.invocationSource, invocationSource)
      w.field(CodingKeys.commandContent, commandContent)
      w.field(CodingKeys.commandType, commandType)
      w.field(CodingKeys.timeout, timeout)
      w.field(CodingKeys.workingDirectory, workingDirectory)
      w.field(CodingKeys.outputCOSBucketUrl, outputCOSBucketUrl)
      w.field(CodingKeys.outputCOSKeyPrefix, outputCOSKeyPrefix)
    }
  }
}

extension InvocationTaskBasicInfo: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invocationTaskId, invocationTaskId)
      w.field(CodingKeys.taskStatus, taskStatus)
      w.field(CodingKeys.instanceId, instanceId)
    }
  }
}

extension InvocationTask: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.invocationId, invocationId)
      w.field(CodingKeys.invocationTaskId, invocationTaskId)
      w.field(CodingKeys.commandId, commandId)
      w.field(CodingKeys.taskStatus, taskStatus)
      w.field(CodingKeys.instanceId, instanceId)
      w.field(CodingKeys.taskResult, taskResult)
      w.field(CodingKeys.startTime, startTime)
      w.field(CodingKeys.endTime, endTime)
      w.field(CodingKeys.createdTime, createdTime)
      w.field(CodingKeys.updatedTime, updatedTime)
      w.field(CodingKeys.commandDocument, commandDocument)
      w.field(CodingKeys.errorInfo, errorInfo)
      w.field(CodingKeys.invocationSource, invocationSource)
      w.field(CodingKeys.commandName, commandName)
    }
  }
}

extension TaskResult: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.exitCode, exitCode)
      w.field(CodingKeys.output, output)
      w.field(CodingKeys.execStartTime, execStartTime)
      w.field(CodingKeys.execEndTime, execEndTime)
      w.field(CodingKeys.dropped, dropped)
      w.field(CodingKeys.outputUrl, outputUrl)
      w.field(CodingKeys.outputUploadCOSErrorInfo, outputUploadCOSErrorInfo)
    }
  }
}

extension CommandDocument: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.content, content)
      w.field(CodingKeys.commandType, commandType)
      w.field(CodingKeys.timeout, timeout)
      w.field(CodingKeys.workingDirectory, workingDirectory)
      w.field(CodingKeys.username, username)
      w.field(CodingKeys.outputCOSBucketUrl, outputCOSBucketUrl)
      w.field(CodingKeys.outputCOSKeyPrefix, outputCOSKeyPrefix)
    }
  }
}

extension Command: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.commandId, commandId)
      w.field(CodingKeys.commandName, commandName)
      w.field(CodingKeys.description, description)
      w.field(CodingKeys.content, content)
      w.field(CodingKeys.commandType, commandType)
      w.field(CodingKeys.workingDirectory, workingDirectory)
      w.field(CodingKeys.timeout, timeout)
      w.field(CodingKeys.createdTime, createdTime)
      w.field(CodingKeys.updatedTime, updatedTime)
      w.field(CodingKeys.enableParameter, enableParameter)
      w.field(CodingKeys.defaultParameters, defaultParameters)
      w.field(CodingKeys.scenes, scenes)
      w.field(CodingKeys.formattedDescription, formattedDescription)
      w.field(CodingKeys.createdBy, createdBy)
      w.field(CodingKeys.tags, tags)
      w.field(CodingKeys.username, username)
      w.field(CodingKeys.outputCOSBucketUrl, outputCOSBucketUrl)
      w.field(CodingKeys.outputCOSKeyPrefix, outputCOSKeyPrefix)
    }
  }
}

extension Tag: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.key, key)
      w.field(CodingKeys.value, value)
    }
  }
}

extension DescribeInvocationsResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.invocationSet, invocationSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}

extension DescribeInvocationTasksResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.invocationTaskSet, invocationTaskSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}

extension DescribeCommandsResponse: JSONWritable {
  public func write(to writer: inout JSONWriter) {
    writer.object { w in
      w.field(CodingKeys.totalCount, totalCount)
      w.field(CodingKeys.commandSet, commandSet)
      w.field(CodingKeys.requestId, requestId)
    }
  }
}
