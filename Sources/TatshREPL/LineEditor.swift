import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Line editing on libedit: a prompt, emacs-style editing (or the user's
/// `~/.editrc`), and the lines of this session in history.
final class LineEditor {
  private let editor: OpaquePointer
  private let history: OpaquePointer?
  private var promptText: [CChar] = [0]

  init?(programName: String) {
    guard let editor = tatsh_el_open(programName) else { return nil }
    self.editor = editor
    history = tatsh_history_open(1_000)
    tatsh_el_set_editor(editor, "emacs")
    tatsh_el_set_signal_handling(editor, 1)
    if let history { tatsh_el_set_history(editor, history) }
    el_source(editor, nil)
    tatsh_el_bind_interrupt(editor)
    tatsh_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
    tatsh_el_set_prompt(editor) { editor in
      guard let editor, let data = tatsh_el_client_data(editor) else { return nil }
      let owner = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
      return owner.promptText.withUnsafeMutableBufferPointer { $0.baseAddress }
    }
  }

  deinit {
    el_end(editor)
    if let history { history_end(history) }
  }

  /// Reads one line with `prompt`; nil at end of input (Ctrl-D on an empty line).
  func readLine(prompt: String) -> String? {
    promptText = Array(prompt.utf8CString)
    var count: Int32 = 0
    guard let line = el_gets(editor, &count), count > 0 else { return nil }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// Adds a line to this session's history.
  func remember(_ line: String) {
    guard let history else { return }
    tatsh_history_enter(history, line)
  }
}
