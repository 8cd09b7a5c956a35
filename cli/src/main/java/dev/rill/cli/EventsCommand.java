package dev.rill.cli;

import dev.rill.io.events.CorruptEventFileException;
import dev.rill.io.events.EventFileReader;
import dev.rill.io.events.ScalarEvent;
import dev.rill.io.proto.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rill events FILE_OR_DIR}: the scalars of TensorBoard event files, as text. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = {"Print the scalars of a TensorBoard event file, or of every event file in a",
        "directory (in name order, subdirectories not searched), as 'step  tag  value' lines.",
        "An Estimator writes its training events into its model directory and its evaluations'",
        "into model_dir/eval. A damaged file is reported with its byte offset (exit code 1)."})
final class EventsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE_OR_DIR",
      description = "An event file or a log directory.")
  Path path;

  @Option(names = "--tag", paramLabel = "TAG",
      description = "Only this tag, e.g. loss (repeatable; default: every scalar).")
  Set<String> tags;

  @Override
  public Integer call() {
    if (!Files.exists(path)) {
      return fail(path + ": no such file or directory");
    }
    List<Path> files;
    try {
      files = Files.isDirectory(path) ? EventFileReader.eventFiles(path) : List.of(path);
    } catch (IOException e) {
      return fail(path + ": " + e);
    }
    if (files.isEmpty()) {
      return fail("no event files in " + path);
    }
    int code = 0;
    PrintWriter out = new PrintWriter(System.out);
    for (Path f : files) {
      String problem = print(f, out);
      out.flush();
      if (problem != null) {
        code = fail(problem);
      }
    }
    return code;
  }

  /** Prints the scalars of {@code file}; returns what went wrong, or null. */
  private String print(Path file, PrintWriter out) {
    try (EventFileReader r = EventFileReader.open(file)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        for (ScalarEvent s : ScalarEvent.of(e)) {
          if (tags == null || tags.contains(s.tag())) {
            out.printf("%d  %s  %s%n", s.step(), s.tag(), format(s.value()));
          }
        }
      }
      return null;
    } catch (CorruptEventFileException e) {
      // names the file, the record's byte offset and the damage
      return e.getMessage();
    } catch (NoSuchFileException e) {
      return file + ": no such file or directory";
    } catch (IOException e) {
      return file + ": " + e;
    }
  }

  /** The shortest decimal that reads back as the value: float32 ones as floats. */
  static String format(double v) {
    float f = (float) v;
    return (double) f == v ? Float.toString(f) : Double.toString(v);
  }

  private static int fail(String message) {
    System.err.println("rill events: " + message);
    return 1;
  }
}
