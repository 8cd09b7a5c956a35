package dev.rill.cli;

import dev.rill.io.example.Example;
import dev.rill.io.example.ExampleParseException;
import dev.rill.io.example.Feature;
import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.CorruptRecordException;
import dev.rill.io.tfrecord.TfRecord;
import dev.rill.io.tfrecord.TfRecordReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rill tfrecord}: look into TFRecord files without TensorFlow. */
@Command(name = "tfrecord", mixinStandardHelpOptions = true,
    description = "Look into TFRecord files.", subcommands = {TfRecordCommand.Inspect.class})
final class TfRecordCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code rill tfrecord inspect FILE}: the record count and the first records' features. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = {"Count the records of a TFRecord file (checking every CRC) and print the "
          + "features of the first ones, read as tf.train.Example."})
  static final class Inspect implements Callable<Integer> {
    /** Values shown per feature; the rest are counted. */
    private static final int VALUES_SHOWN = 8;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The TFRecord file.")
    Path file;

    @Option(names = "--compression", paramLabel = "TYPE", defaultValue = "auto",
        description = "auto (from the file's first bytes), none, gzip or zlib. Default: auto.")
    String compression;

    @Option(names = {"-n", "--examples"}, paramLabel = "N", defaultValue = "3",
        description = "How many records to print. Default: 3.")
    int examples;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Compression c = compression(file, compression);
        long count = 0;
        try (TfRecordReader reader = TfRecordReader.open(file, c)) {
          for (TfRecord r = reader.read(); r != null; r = reader.read()) {
            if (count < examples) {
              print(out, r);
            }
            count++;
          }
        }
        out.printf("%s: %d records (%s)%n", file, count,
            c == Compression.NONE ? "uncompressed" : c.tfName());
        return 0;
      } catch (CorruptRecordException e) {
        err.println("rill tfrecord: " + e.getMessage());
        return 1;
      } catch (IOException | IllegalArgumentException e) {
        err.println("rill tfrecord: " + file + ": " + e.getMessage());
        return 1;
      } finally {
        out.flush();
      }
    }

    private static void print(PrintWriter out, TfRecord r) {
      out.printf("record %d at byte %d, %d bytes%n", r.index(), r.offset(), r.payload().length);
      Example example;
      try {
        example = Example.parseFrom(r.payload());
      } catch (ExampleParseException e) {
        out.println("  (not a tf.train.Example)");
        return;
      }
      int width = example.names().stream().mapToInt(String::length).max().orElse(0);
      for (Map.Entry<String, Feature> e : example.features().entrySet()) {
        out.printf("  %-" + Math.max(1, width) + "s  %s%n", e.getKey(), describe(e.getValue()));
      }
    }

    /** {@code int64[3] [1, 2, 3]}, with at most {@link #VALUES_SHOWN} values. */
    static String describe(Feature f) {
      StringJoiner values = new StringJoiner(", ", "[", "]");
      int n = f.size();
      for (int i = 0; i < Math.min(n, VALUES_SHOWN); i++) {
        values.add(switch (f) {
          case Feature.Int64List l -> Long.toString(l.values()[i]);
          case Feature.FloatList l -> Float.toString(l.values()[i]);
          case Feature.BytesList l -> quoted(l.values()[i]);
          default -> "";
        });
      }
      String more = n > VALUES_SHOWN ? " ... (" + (n - VALUES_SHOWN) + " more)" : "";
      String type = switch (f.kind()) {
        case INT64_LIST -> "int64";
        case FLOAT_LIST -> "float";
        case BYTES_LIST -> "bytes";
        case KIND_NOT_SET -> "(no list)";
      };
      return f.kind() == Feature.Kind.KIND_NOT_SET ? type : type + "[" + n + "] " + values + more;
    }

    /** UTF-8 text in quotes, or the bytes in hex when they are not text. */
    private static String quoted(byte[] b) {
      try {
        return '"' + StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b))
            .toString() + '"';
      } catch (CharacterCodingException e) {
        StringBuilder hex = new StringBuilder("0x");
        for (byte x : b) {
          hex.append(String.format("%02x", x));
        }
        return hex.toString();
      }
    }

    /** The named compression, or for {@code auto} the one the file's first bytes show. */
    static Compression compression(Path file, String name) throws IOException {
      return switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "none", "" -> Compression.NONE;
        case "gzip" -> Compression.GZIP;
        case "zlib" -> Compression.ZLIB;
        case "auto" -> Compression.detect(file);
        default -> throw new IllegalArgumentException("--compression takes auto, none, gzip or "
            + "zlib, not '" + name + "'");
      };
    }
  }
}
