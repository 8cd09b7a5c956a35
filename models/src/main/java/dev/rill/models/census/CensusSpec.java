package dev.rill.models.census;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a census-style CSV holds and which feature columns the wide and deep models build from
 * it: the columns in file order with their types and defaults, the label and its positive value,
 * and the numeric, categorical, bucketized, crossed, indicator and embedding columns. Read from
 * a small line-based text file, one directive per line:
 *
 * <pre>
 * # '#' starts a comment; tokens are separated by spaces or tabs
 * column NAME TYPE [DEFAULT]   a CSV column, in file order; TYPE is int32, int64, float32,
 *                              float64 or string; DEFAULT fills an empty field (0 or the empty
 *                              string when left out)
 * label NAME POSITIVE          the label column: 1 when the field equals POSITIVE, else 0
 * numeric NAME...              numeric columns (deep part)
 * vocabulary NAME VALUE...     a string column's vocabulary list (wide part); repeated lines
 *                              for the same NAME append to it
 * hash NAME BUCKETS            a string column hashed into BUCKETS ids (wide part)
 * bucketized NAME SOURCE B...  the numeric column SOURCE cut at the boundaries B (wide part);
 *                              NAME is how crossed, indicator and embedding refer to it
 * crossed BUCKETS KEY KEY...   the hashed cross of bucketized columns and string columns (wide)
 * indicator NAME...            multi-hot of vocabulary, hash or bucketized columns (deep part)
 * embedding NAME DIMENSION     a learned vector per id of such a column (deep part)
 * </pre>
 *
 * <p>Every vocabulary, hash and bucketized column is a base column of the wide part, as in
 * TensorFlow's census tutorial; the label is taken out of the features. {@link #adult()} is
 * that tutorial's spec, {@link #cps1988()} one for the CPS-1988 extract. Errors are
 * {@link SpecFormatException}s naming the line.
 */
public final class CensusSpec {
  /** The spec built in for UCI Adult ({@code adult.data} / {@code adult.test}). */
  public static final String ADULT_RESOURCE = "adult.columns";
  /** The spec for the CPS-1988 extract ({@code cps1988.data} / {@code cps1988.test}). */
  public static final String CPS1988_RESOURCE = "cps1988.columns";

  /** A CSV column; {@code defaultValue} is its text form ("" for a string column's default). */
  public record Column(String name, DType type, String defaultValue) {}

  /** A numeric column cut into buckets; {@code name} is the spec's handle for it. */
  public record Bucketized(String name, String source, float[] boundaries) {
    public Bucketized {
      boundaries = boundaries.clone();
    }

    @Override
    public float[] boundaries() {
      return boundaries.clone();
    }
  }

  /** A hashed cross; each key is a bucketized column's name or a string column. */
  public record Crossed(List<String> keys, int hashBuckets) {
    public Crossed {
      keys = List.copyOf(keys);
    }
  }

  /** An embedding of a categorical (or bucketized) column. */
  public record Embedding(String column, int dimension) {}

  private final List<Column> columns;
  private final String label;
  private final String positive;
  private final List<String> numeric;
  private final Map<String, List<String>> vocabularies;
  private final Map<String, Integer> hashBuckets;
  private final List<Bucketized> bucketized;
  private final List<Crossed> crossed;
  private final List<String> indicators;
  private final List<Embedding> embeddings;

  private CensusSpec(Parser p) {
    this.columns = List.copyOf(p.columns.values());
    this.label = p.label;
    this.positive = p.positive;
    this.numeric = List.copyOf(p.numeric);
    Map<String, List<String>> vocab = new LinkedHashMap<>();
    p.vocabularies.forEach((k, v) -> vocab.put(k, List.copyOf(v)));
    this.vocabularies = java.util.Collections.unmodifiableMap(vocab);
    this.hashBuckets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p.hashBuckets));
    this.bucketized = List.copyOf(p.bucketized.values());
    this.crossed = List.copyOf(p.crossed);
    this.indicators = List.copyOf(p.indicators);
    this.embeddings = List.copyOf(p.embeddings);
  }

  /** Parses the lines of a spec; {@code source} names it in errors. */
  public static CensusSpec parse(List<String> lines, String source) {
    Parser p = new Parser(source);
    for (int i = 0; i < lines.size(); i++) {
      p.line(lines.get(i), i + 1);
    }
    p.check();
    return new CensusSpec(p);
  }

  /** Reads a spec file (UTF-8). */
  public static CensusSpec read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The tutorial's spec for UCI Adult. */
  public static CensusSpec adult() {
    return resource(ADULT_RESOURCE);
  }

  /** The spec for the CPS-1988 extract. */
  public static CensusSpec cps1988() {
    return resource(CPS1988_RESOURCE);
  }

  /** A spec shipped with Rill, by file name ({@link #ADULT_RESOURCE}, {@link #CPS1988_RESOURCE}). */
  public static CensusSpec resource(String name) {
    try (InputStream in = CensusSpec.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in census spec '" + name + "'");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(text.lines().toList(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSV columns in file order. */
  public List<Column> columns() {
    return columns;
  }

  /** The CSV column names in file order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The column's position in the file. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column '" + column + "' in the spec");
  }

  /** One record default per column, as {@code decode_csv} takes them. */
  public List<Tensor> recordDefaults() {
    List<Tensor> out = new ArrayList<>();
    for (Column c : columns) {
      String d = c.defaultValue();
      out.add(switch (c.type()) {
        case INT32 -> Tensor.scalar(Integer.parseInt(d));
        case INT64 -> Tensor.scalar(Long.parseLong(d));
        case FLOAT32 -> Tensor.scalar(Float.parseFloat(d));
        case FLOAT64 -> Tensor.scalar(Double.parseDouble(d));
        default -> Tensor.scalar(d);
      });
    }
    return out;
  }

  public String label() {
    return label;
  }

  /** The label column's value that makes an example positive. */
  public String positive() {
    return positive;
  }

  public List<String> numeric() {
    return numeric;
  }

  /** Vocabulary lists by column, in spec order. */
  public Map<String, List<String>> vocabularies() {
    return vocabularies;
  }

  /** Hash bucket counts by column, in spec order. */
  public Map<String, Integer> hashBuckets() {
    return hashBuckets;
  }

  public List<Bucketized> bucketized() {
    return bucketized;
  }

  public List<Crossed> crossed() {
    return crossed;
  }

  public List<String> indicators() {
    return indicators;
  }

  public List<Embedding> embeddings() {
    return embeddings;
  }

  /** Reads directives one line at a time and checks references once all are read. */
  private static final class Parser {
    private final String source;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Integer> columnLines = new LinkedHashMap<>();
    private String label;
    private String positive;
    private int labelLine;
    private final List<String> numeric = new ArrayList<>();
    private final Map<String, List<String>> vocabularies = new LinkedHashMap<>();
    private final Map<String, Integer> hashBuckets = new LinkedHashMap<>();
    private final Map<String, Bucketized> bucketized = new LinkedHashMap<>();
    private final Map<String, Integer> bucketizedLines = new LinkedHashMap<>();
    private final List<Crossed> crossed = new ArrayList<>();
    private final List<String> indicators = new ArrayList<>();
    private final List<Embedding> embeddings = new ArrayList<>();
    /** Line of each reference to a CSV column or categorical name, checked at the end. */
    private final List<Reference> references = new ArrayList<>();

    private enum Want { NUMERIC, STRING, CATEGORICAL, CROSS_KEY }

    private record Reference(String name, Want want, int line, String directive) {}

    Parser(String source) {
      this.source = source;
    }

    private SpecFormatException error(int line, String message) {
      return new SpecFormatException(source, line, message);
    }

    void line(String raw, int n) {
      int hash = raw.indexOf('#');
      String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (text.isEmpty()) {
        return;
      }
      String[] t = text.split("\\s+");
      String d = t[0];
      List<String> args = Arrays.asList(t).subList(1, t.length);
      switch (d) {
        case "column" -> column(args, n);
        case "label" -> {
          arity(d, args, 2, 2, "label NAME POSITIVE", n);
          if (label != null) {
            throw error(n, "a second label (the first is on line " + labelLine + ")");
          }
          label = args.get(0);
          positive = args.get(1);
          labelLine = n;
        }
        case "numeric" -> {
          arity(d, args, 1, Integer.MAX_VALUE, "numeric NAME...", n);
          for (String a : args) {
            unique(numeric.contains(a), "numeric", a, n);
            numeric.add(a);
            references.add(new Reference(a, Want.NUMERIC, n, d));
          }
        }
        case "vocabulary" -> {
          arity(d, args, 2, Integer.MAX_VALUE, "vocabulary NAME VALUE...", n);
          String name = args.get(0);
          if (hashBuckets.containsKey(name)) {
            throw error(n, "'" + name + "' is already a hash column");
          }
          List<String> v = vocabularies.computeIfAbsent(name, k -> new ArrayList<>());
          for (String value : args.subList(1, args.size())) {
            if (v.contains(value)) {
              throw error(n, "'" + value + "' is already in the vocabulary of '" + name + "'");
            }
            v.add(value);
          }
          references.add(new Reference(name, Want.STRING, n, d));
        }
        case "hash" -> {
          arity(d, args, 2, 2, "hash NAME BUCKETS", n);
          String name = args.get(0);
          if (vocabularies.containsKey(name) || hashBuckets.containsKey(name)) {
            throw error(n, "'" + name + "' is already a categorical column");
          }
          hashBuckets.put(name, positiveInt(args.get(1), "BUCKETS", n));
          references.add(new Reference(name, Want.STRING, n, d));
        }
        case "bucketized" -> bucketized(args, n);
        case "crossed" -> {
          arity(d, args, 3, Integer.MAX_VALUE, "crossed BUCKETS KEY KEY...", n);
          int buckets = positiveInt(args.get(0), "BUCKETS", n);
          List<String> keys = args.subList(1, args.size());
          for (String k : keys) {
            references.add(new Reference(k, Want.CROSS_KEY, n, d));
          }
          crossed.add(new Crossed(keys, buckets));
        }
        case "indicator" -> {
          arity(d, args, 1, Integer.MAX_VALUE, "indicator NAME...", n);
          for (String a : args) {
            unique(indicators.contains(a), "indicator", a, n);
            indicators.add(a);
            references.add(new Reference(a, Want.CATEGORICAL, n, d));
          }
        }
        case "embedding" -> {
          arity(d, args, 2, 2, "embedding NAME DIMENSION", n);
          String name = args.get(0);
          unique(embeddings.stream().anyMatch(e -> e.column().equals(name)), "embedding", name,
              n);
          embeddings.add(new Embedding(name, positiveInt(args.get(1), "DIMENSION", n)));
          references.add(new Reference(name, Want.CATEGORICAL, n, d));
        }
        default -> throw error(n, "unknown directive '" + d + "'; expected column, label, "
            + "numeric, vocabulary, hash, bucketized, crossed, indicator or embedding");
      }
    }

    private void column(List<String> args, int n) {
      arity("column", args, 2, 3, "column NAME TYPE [DEFAULT]", n);
      String name = args.get(0);
      if (columns.containsKey(name)) {
        throw error(n, "column '" + name + "' is already defined on line "
            + columnLines.get(name));
      }
      DType type = switch (args.get(1)) {
        case "int32" -> DType.INT32;
        case "int64" -> DType.INT64;
        case "float32" -> DType.FLOAT32;
        case "float64" -> DType.FLOAT64;
        case "string" -> DType.STRING;
        default -> throw error(n, "unknown type '" + args.get(1) + "' of column '" + name
            + "'; expected int32, int64, float32, float64 or string");
      };
      String def = args.size() == 3 ? args.get(2) : type == DType.STRING ? "" : "0";
      try {
        switch (type) {
          case INT32 -> Integer.parseInt(def);
          case INT64 -> Long.parseLong(def);
          case FLOAT32, FLOAT64 -> Double.parseDouble(def);
          default -> { }
        }
      } catch (NumberFormatException e) {
        throw error(n, "default '" + def + "' of column '" + name + "' is not a valid "
            + args.get(1));
      }
      columns.put(name, new Column(name, type, def));
      columnLines.put(name, n);
    }

    private void bucketized(List<String> args, int n) {
      arity("bucketized", args, 3, Integer.MAX_VALUE, "bucketized NAME SOURCE BOUNDARY...", n);
      String name = args.get(0);
      if (bucketized.containsKey(name)) {
        throw error(n, "bucketized column '" + name + "' is already defined");
      }
      List<String> b = args.subList(2, args.size());
      float[] boundaries = new float[b.size()];
      for (int i = 0; i < boundaries.length; i++) {
        try {
          boundaries[i] = Float.parseFloat(b.get(i));
        } catch (NumberFormatException e) {
          throw error(n, "boundary '" + b.get(i) + "' is not a number");
        }
        if (i > 0 && !(boundaries[i] > boundaries[i - 1])) {
          throw error(n, "boundaries must be strictly increasing, got " + b);
        }
      }
      bucketized.put(name, new Bucketized(name, args.get(1), boundaries));
      bucketizedLines.put(name, n);
      references.add(new Reference(args.get(1), Want.NUMERIC, n, "bucketized"));
    }

    private void arity(String d, List<String> args, int min, int max, String usage, int n) {
      if (args.size() < min || args.size() > max) {
        throw error(n, "'" + d + "' takes " + (min == max ? String.valueOf(min)
            : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max)
            + " argument" + (min == 1 && max == 1 ? "" : "s") + ", got " + args.size()
            + " (usage: " + usage + ")");
      }
    }

    private void unique(boolean seen, String d, String name, int n) {
      if (seen) {
        throw error(n, "'" + name + "' is already listed by '" + d + "'");
      }
    }

    private int positiveInt(String s, String what, int n) {
      try {
        int v = Integer.parseInt(s);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(n, what + " must be a positive integer, got '" + s + "'");
    }

    /** Checks what can only be checked once every line is read. */
    void check() {
      if (columns.isEmpty()) {
        throw error(0, "no 'column' lines");
      }
      if (label == null) {
        throw error(0, "no 'label' line");
      }
      Column l = columns.get(label);
      if (l == null) {
        throw error(labelLine, "label '" + label + "' is not a column");
      }
      if (l.type() != DType.STRING) {
        try {
          Double.parseDouble(positive);
        } catch (NumberFormatException e) {
          throw error(labelLine, "the positive value '" + positive + "' of the " + l.type()
              .tfName() + " label column is not a number");
        }
      }
      for (String b : bucketized.keySet()) {
        if (columns.containsKey(b)) {
          throw error(bucketizedLines.get(b), "bucketized '" + b + "' has a column's name");
        }
      }
      for (Reference r : references) {
        resolve(r);
      }
      if (bucketized.isEmpty() && vocabularies.isEmpty() && hashBuckets.isEmpty()
          && crossed.isEmpty() && numeric.isEmpty() && indicators.isEmpty()
          && embeddings.isEmpty()) {
        throw error(0, "no feature columns (numeric, vocabulary, hash, bucketized, crossed, "
            + "indicator or embedding)");
      }
    }

    private void resolve(Reference r) {
      String name = r.name();
      if (name.equals(label) && columns.containsKey(name)) {
        throw error(r.line(), "'" + r.directive() + "' uses the label '" + name
            + "' as a feature");
      }
      Column c = columns.get(name);
      switch (r.want()) {
        case NUMERIC -> {
          if (c == null) {
            throw error(r.line(), "'" + name + "' is not a column");
          }
          if (c.type() == DType.STRING) {
            throw error(r.line(), "'" + r.directive() + "' needs a numeric column, but '" + name
                + "' is a string column");
          }
        }
        case STRING -> {
          if (c == null) {
            throw error(r.line(), "'" + name + "' is not a column");
          }
          if (c.type() != DType.STRING) {
            throw error(r.line(), "'" + r.directive() + "' needs a string column, but '" + name
                + "' is " + c.type().tfName());
          }
        }
        case CATEGORICAL -> {
          if (!vocabularies.containsKey(name) && !hashBuckets.containsKey(name)
              && !bucketized.containsKey(name)) {
            throw error(r.line(), "'" + name + "' is not a vocabulary, hash or bucketized "
                + "column");
          }
        }
        case CROSS_KEY -> {
          if (bucketized.containsKey(name)) {
            return;
          }
          if (c == null) {
            throw error(r.line(), "cross key '" + name + "' is neither a bucketized column nor "
                + "a column");
          }
          if (c.type() != DType.STRING) {
            throw error(r.line(), "cross key '" + name + "' is a " + c.type().tfName()
                + " column; cross string columns, or bucketize numbers first");
          }
        }
        default -> throw new IllegalStateException();
      }
    }
  }
}
