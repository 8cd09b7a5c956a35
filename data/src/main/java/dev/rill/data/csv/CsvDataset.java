package dev.rill.data.csv;

import dev.rill.core.Tensor;
import dev.rill.data.dataset.Cursor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Fingerprint;
import dev.rill.data.dataset.OpenContext;
import dev.rill.data.dataset.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of CSV files as a {@link Dataset}, one file after another, like TensorFlow's
 * {@code tf.data.experimental.CsvDataset}: each record becomes one scalar tensor per kept column,
 * decoded by a {@link CsvDecoder}. Quoted fields may span lines; blank lines are skipped; with a
 * header, the first record of every file is skipped (and gives the column names).
 *
 * {@snippet :
 * CsvDataset csv = CsvDataset.of(List.of(Path.of("data/train.csv")),
 *         List.of(Tensor.scalar(0f), Tensor.scalar(0f), CsvDecoder.required(DType.INT32)))
 *     .withHeader(true);
 * Dataset<Map<String, Tensor>> rows = csv.namedRows();   // keys from the header line
 * }
 *
 * <p>A record that does not fit fails the pass with a {@link DatasetException} whose cause is a
 * {@link CsvFormatException} naming the file, the line and the column. Skipping (as when a saved
 * position is restored) scans records without decoding them. Instances are immutable.
 */
public final class CsvDataset {
  private final List<Path> files;
  private final CsvDecoder decoder;
  private final boolean header;
  private final List<String> names;

  private CsvDataset(List<Path> files, CsvDecoder decoder, boolean header, List<String> names) {
    this.files = List.copyOf(files);
    this.decoder = decoder;
    this.header = header;
    this.names = names;
  }

  /** The records of {@code files} with the given record defaults, comma-separated, no header. */
  public static CsvDataset of(List<Path> files, List<Tensor> recordDefaults) {
    return new CsvDataset(files, new CsvDecoder(recordDefaults, CsvOptions.DEFAULT), false, null);
  }

  /** Reads with {@code options} (delimiter, quotes, NA value, selected columns). */
  public CsvDataset withOptions(CsvOptions options) {
    return new CsvDataset(files, new CsvDecoder(decoder.recordDefaults(), options), header, names);
  }

  /** Whether the first record of each file is a header, skipped from the rows. */
  public CsvDataset withHeader(boolean hasHeader) {
    return new CsvDataset(files, decoder, hasHeader, names);
  }

  /** Names the kept columns for {@link #namedRows()}, instead of taking them from the header. */
  public CsvDataset withColumnNames(List<String> columnNames) {
    if (columnNames.size() != decoder.columns()) {
      throw new IllegalArgumentException("CsvDataset: " + columnNames.size() + " column names for "
          + decoder.columns() + " columns");
    }
    return new CsvDataset(files, decoder, header, List.copyOf(columnNames));
  }

  public CsvDecoder decoder() {
    return decoder;
  }

  /** Each record as a list of scalars, one per kept column. */
  public Dataset<List<Tensor>> rows() {
    return Dataset.from(new CsvSource(this));
  }

  /** Each record as a map from column name to scalar, in column order. */
  public Dataset<Map<String, Tensor>> namedRows() throws IOException {
    List<String> keys = columnNames();
    return rows().map(row -> {
      Map<String, Tensor> m = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        m.put(keys.get(i), row.get(i));
      }
      return Collections.unmodifiableMap(m);
    });
  }

  /**
   * The names of the kept columns: those given with {@link #withColumnNames}, else the header of
   * the first file (its selected fields).
   */
  public List<String> columnNames() throws IOException {
    if (names != null) {
      return names;
    }
    if (!header) {
      throw new IllegalStateException("CsvDataset: no column names; read with a header or give"
          + " them with withColumnNames");
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("CsvDataset: no files to read a header from");
    }
    Path first = files.getFirst();
    try (CsvRecordReader r = new CsvRecordReader(Files.newInputStream(first), first.toString(),
        decoder.options())) {
      if (!r.next()) {
        throw new CsvFormatException(first.toString(), 1, -1, "the file is empty but should start"
            + " with a header");
      }
      byte[][] f = CsvSplitter.split(r.record(), r.length(), decoder.options(), decoder.columns(),
          first.toString(), r.line());
      List<String> out = new ArrayList<>();
      for (byte[] b : f) {
        out.add(new String(b, StandardCharsets.UTF_8));
      }
      return List.copyOf(out);
    }
  }

  private static final class CsvSource implements Source<List<Tensor>> {
    private final CsvDataset csv;

    CsvSource(CsvDataset csv) {
      this.csv = csv;
    }

    @Override
    public Cursor<List<Tensor>> open(OpenContext context) {
      return new CsvCursor(csv);
    }

    @Override
    public void describe(Fingerprint f) {
      CsvOptions o = csv.decoder.options();
      f.add("csv").addFiles(csv.files).add(csv.header).add(String.valueOf(o.fieldDelim()))
          .add(o.useQuoteDelim()).add(o.naValue()).add(o.selectCols());
      for (Tensor d : csv.decoder.recordDefaults()) {
        f.add(d.dtype().tfName()).add(d.size() == 0 ? "required" : String.valueOf(
            d.dtype() == dev.rill.core.DType.STRING
                ? new String(d.stringData()[0], StandardCharsets.UTF_8) : d.getDouble(0)));
      }
    }
  }

  private static final class CsvCursor implements Cursor<List<Tensor>> {
    private final CsvDataset csv;
    private int file = -1;
    private CsvRecordReader reader;

    CsvCursor(CsvDataset csv) {
      this.csv = csv;
    }

    @Override
    public List<Tensor> next() {
      if (!advance()) {
        return null;
      }
      try {
        return csv.decoder.decode(reader.record(), reader.length(), name(), reader.line());
      } catch (CsvFormatException e) {
        throw new DatasetException("CsvDataset: " + e.getMessage(), e);
      }
    }

    @Override
    public long skip(long n) {
      long k = 0;
      while (k < n && advance()) {
        k++;
      }
      return k;
    }

    private String name() {
      return csv.files.get(file).toString();
    }

    /** Moves to the next record of this or a later file; false at the end of the last file. */
    private boolean advance() {
      try {
        while (true) {
          if (reader == null) {
            if (file + 1 >= csv.files.size()) {
              return false;
            }
            file++;
            InputStream in = Files.newInputStream(csv.files.get(file));
            reader = new CsvRecordReader(in, name(), csv.decoder.options());
            if (csv.header && !reader.next()) {
              closeFile();
              continue;
            }
          }
          if (reader.next()) {
            return true;
          }
          closeFile();
        }
      } catch (CsvFormatException e) {
        throw new DatasetException("CsvDataset: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new DatasetException("CsvDataset: reading " + csv.files.get(file) + " failed: " + e,
            e);
      }
    }

    private void closeFile() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          // Read-only: nothing is lost when closing fails.
        }
        reader = null;
      }
    }

    @Override
    public void close() {
      closeFile();
      file = csv.files.size();
    }
  }
}
