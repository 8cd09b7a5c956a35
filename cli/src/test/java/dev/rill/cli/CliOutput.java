package dev.rill.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/** What one {@code rill} command line printed and returned, for the command tests. */
record CliOutput(int code, String out, String err) {
  /** Runs {@code rill args...} in this JVM with System.out and System.err captured. */
  static CliOutput run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true));
    System.setErr(new PrintStream(e, true));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new CliOutput(code, o.toString(), e.toString());
  }

  /** The output's lines. */
  List<String> lines() {
    return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
  }
}
