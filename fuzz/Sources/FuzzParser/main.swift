// libFuzzer harness: the tatsh lexer, parser and formatter.
//
// Input: any bytes, decoded as UTF-8 (invalid sequences repaired, as a
// script read from a file would be). Each input is lexed, checked for
// continuation, parsed, and — when it parses — formatted and parsed again,
// which must succeed and format to the same text (the formatter's promise). A diagnostic is a
// fine answer; a trap, an ASan report or a hang is a bug.
import TatshLanguage

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  var lexer = Lexer(source)
  _ = try? lexer.tokens()
  _ = Continuation.expectsMore(source)
  do {
    let program = try Parser.parse(source)
    let formatted = Formatter.format(program)
    let reparsed: Program
    do {
      reparsed = try Parser.parse(formatted)
    } catch {
      fatalError(
        "formatted program does not parse: \(error.message)\n--- input\n\(source)\n--- formatted\n\(formatted)"
      )
    }
    // The formatter promises parse(format(p)) == p up to source ranges, so formatting is idempotent.
    let again = Formatter.format(reparsed)
    if again != formatted {
      fatalError(
        "formatting is not stable\n--- input\n\(source)\n--- formatted\n\(formatted)\n--- formatted again\n\(again)"
      )
    }
  } catch {
    // Render the diagnostic, which indexes into the source by its range.
    _ = error.rendered(in: source, origin: "fuzz")
  }
  return 0
}
