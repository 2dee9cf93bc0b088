import CEditLine
import Foundation

/// Line editing on libedit: a prompt, emacs-style editing (or the user's
/// `~/.editrc`), history kept in a file across sessions, Tab completion.
final class LineEditor {
  private let editor: OpaquePointer
  private let history: OpaquePointer?
  private let historyPath: String?
  private var promptText: [CChar] = [0]
  /// Completes the text before the cursor: the length of the word to replace and the candidates.
  var completer: ((String) -> (replacing: Int, candidates: [String]))?
  /// The lines of an entry read so far, before the one being edited: what
  /// completion reads first, so that Tab on a continuation line knows the pipeline.
  var entrySoFar = ""
  /// Whether the last `readLine` ended with Ctrl-C: the whole entry is dropped.
  private(set) var wasInterrupted = false

  static let historySize: Int32 = 10_000

  /// - Parameter historyPath: the file history is read from and written to; nil keeps it in memory.
  init?(programName: String, historyPath: String?) {
    guard let editor = tatsh_el_open(programName) else { return nil }
    self.editor = editor
    self.historyPath = historyPath
    history = tatsh_history_open(Self.historySize)
    tatsh_el_set_editor(editor, "emacs")
    tatsh_el_set_signal_handling(editor, 1)
    if let history {
      tatsh_el_set_history(editor, history)
      if let historyPath {
        try? FileManager.default.createDirectory(
          at: URL(fileURLWithPath: historyPath).deletingLastPathComponent(), withIntermediateDirectories: true
        )
        _ = tatsh_history_load(history, historyPath)
      }
    }
    tatsh_el_bind_interrupt(editor)
    tatsh_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
    tatsh_el_set_prompt(editor) { editor in
      guard let editor, let data = tatsh_el_client_data(editor) else { return nil }
      let owner = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
      return owner.promptText.withUnsafeMutableBufferPointer { $0.baseAddress }
    }
    tatsh_el_bind_interrupt_function(editor) { editor, _ in
      guard let editor, let data = tatsh_el_client_data(editor) else { return UInt8(CC_ERROR) }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().interrupt()
    }
    tatsh_el_bind_completion(editor) { editor, _ in
      guard let editor, let data = tatsh_el_client_data(editor) else { return UInt8(CC_ERROR) }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
    }
    el_source(editor, nil)
  }

  deinit {
    el_end(editor)
    if let history { history_end(history) }
  }

  /// Reads one line with `prompt`; nil at end of input (Ctrl-D on an empty line).
  func readLine(prompt: String) -> String? {
    promptText = Array(prompt.utf8CString)
    wasInterrupted = false
    var count: Int32 = 0
    let read = el_gets(editor, &count)
    if wasInterrupted { return "" }
    guard let line = read, count > 0 else { return nil }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// Adds an entry to history and to the history file.
  func remember(_ entry: String) {
    guard let history else { return }
    tatsh_history_enter(history, entry)
    if let historyPath { _ = tatsh_history_save(history, historyPath) }
  }

  /// The entries of history, oldest first.
  func entries() -> [String] {
    guard let history else { return [] }
    var newestFirst: [String] = []
    var entry = tatsh_history_newest(history)
    while let text = entry {
      var line = String(cString: text)
      if line.hasSuffix("\n") { line.removeLast() }
      newestFirst.append(line)
      entry = tatsh_history_older(history)
    }
    return newestFirst.reversed()
  }

  /// Ctrl-C: the line is cleared and ends, and the entry it belongs to is dropped.
  private func interrupt() -> UInt8 {
    guard let info = el_line(editor) else { return UInt8(CC_ERROR) }
    el_cursor(editor, Int32(info.pointee.lastchar - info.pointee.cursor))
    if let line = el_line(editor) { el_deletestr(editor, Int32(line.pointee.cursor - line.pointee.buffer)) }
    FileHandle.standardOutput.write(Data("^C\n".utf8))
    wasInterrupted = true
    return UInt8(CC_NEWLINE)
  }

  /// Tab: one candidate completes the word; several complete what they
  /// share and, when that adds nothing, are listed below the line.
  private func complete() -> UInt8 {
    guard let completer, let info = el_line(editor) else { return UInt8(CC_ERROR) }
    let length = info.pointee.cursor - info.pointee.buffer
    let before = String(
      decoding: UnsafeBufferPointer(
        start: UnsafeRawPointer(info.pointee.buffer).assumingMemoryBound(to: UInt8.self), count: length),
      as: UTF8.self)
    let (replacing, candidates) = completer(entrySoFar + before)
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let word = String(before.suffix(replacing))
    let shared = Self.sharedPrefix(of: candidates)
    if candidates.count == 1 || shared.count > word.count {
      let ending = candidates.count == 1 && !shared.hasSuffix("/") ? " " : ""
      el_deletestr(editor, Int32(word.count))
      el_insertstr(editor, shared + ending)
      return UInt8(CC_REFRESH)
    }
    FileHandle.standardOutput.write(
      Data(("\n" + CandidateList.columns(candidates, width: Self.width())).utf8))
    return UInt8(CC_REDISPLAY)
  }

  private static func sharedPrefix(of candidates: [String]) -> String {
    guard var prefix = candidates.first else { return "" }
    for candidate in candidates.dropFirst() {
      while !candidate.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }

  private static func width() -> Int {
    var size = winsize()
    return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
  }
}

/// Candidates laid out in columns, as shells list them.
enum CandidateList {
  static func columns(_ candidates: [String], width: Int) -> String {
    let cell = (candidates.map(\.count).max() ?? 0) + 2
    let perLine = max(1, width / cell)
    var text = ""
    for (index, candidate) in candidates.enumerated() {
      let isLineEnd = (index + 1) % perLine == 0 || index == candidates.count - 1
      text += isLineEnd ? candidate + "\n" : candidate.padding(toLength: cell, withPad: " ", startingAt: 0)
    }
    return text
  }
}
