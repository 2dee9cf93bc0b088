import Foundation
import TatshLanguage

/// Stages that start a pipeline from records: one API listing per record
/// kind, a file, and standard input.
extension StageRegistry {
  static var sources: [StageDefinition] {
    RecordKind.all.map { kind in
      StageDefinition(
        name: kind.plural, role: .source,
        usage: kind.listing.idsParameter == nil
          ? "\(kind.plural) [where CONDITION]" : "\(kind.plural) [ID…] [where CONDITION]",
        summary: kind.summary, examples: kind.examples,
        completion: kind.listing.idsParameter == nil ? .nothing : .recentIds(kind),
        startsPipeline: .listing(kind))
    } + [
      StageDefinition(
        name: "open", role: .source, usage: "open FILE",
        summary: "records from a JSON array or JSON Lines file",
        examples: ["open failed.jsonl | where status=FAILED | count"], completion: .files,
        startsPipeline: .local { stage, environment throws(Diagnostic) in
          guard stage.arguments.count == 1, let path = stage.arguments.first else {
            throw Diagnostic("'open' takes one file: open FILE.json or open FILE.jsonl", at: stage.range)
          }
          let fileExtension = (path.text as NSString).pathExtension
          if let format = OutputFormat(fileExtension: fileExtension), [.csv, .yaml, .text].contains(format) {
            throw Diagnostic(
              "open reads JSON or JSON Lines, not .\(fileExtension) (\(format == .text ? "plain text" : format.rawValue.uppercased())): save the records as .json or .jsonl to read them back",
              at: path.range)
          }
          if let saved = environment.savedFiles[path.text] { return (.file(path.text), saved) }
          do {
            return (
              .file(path.text), RecordShape(kind: try JSONFileSource.kind(ofFileAt: path.text), fields: nil)
            )
          } catch {
            throw Diagnostic("\(error)", at: path.range)
          }
        }),
      StageDefinition(
        name: "from", role: .source, usage: "from json",
        summary: "records from standard input (JSON or JSON Lines)",
        examples: ["from json | select id"], completion: .words(["json"]),
        startsPipeline: .local { stage, _ throws(Diagnostic) in
          guard stage.arguments.count == 1, stage.arguments[0].text.lowercased() == "json" else {
            throw Diagnostic("'from' reads standard input: from json", at: stage.range)
          }
          do {
            return (
              .standardInput, RecordShape(kind: try StandardInput.shared.firstRecordKind(), fields: nil)
            )
          } catch {
            throw Diagnostic("\(error)", at: stage.range)
          }
        }),
    ]
  }
}
