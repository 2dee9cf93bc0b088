import Foundation
import TatshLanguage

/// How a pipeline's records leave it: a format, and a file for `save`.
struct PlannedOutput {
  var format: OutputFormat
  var destination: String?

  init(format: OutputFormat, destination: String?) {
    self.format = format
    self.destination = destination
  }

  /// `save FILE`, the format taken from the file's extension.
  init(saving stage: Stage) throws(Diagnostic) {
    guard stage.arguments.count == 1, let path = stage.arguments.first else {
      throw Diagnostic("'save' takes one file, e.g. save failed.csv", at: stage.range)
    }
    let fileExtension = URL(fileURLWithPath: path.text).pathExtension
    guard let format = OutputFormat(fileExtension: fileExtension) else {
      throw Diagnostic(
        "cannot tell the format of '\(path.text)': end it in .json, .jsonl, .csv, .yaml or .txt",
        at: path.range)
    }
    let folder = URL(fileURLWithPath: path.text).deletingLastPathComponent().path
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw Diagnostic(
        "cannot write '\(path.text)': the folder \(folder) is missing or not writable", at: path.range)
    }
    self.init(format: format, destination: path.text)
  }
}
