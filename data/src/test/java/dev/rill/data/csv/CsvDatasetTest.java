package dev.rill.data.csv;

import static dev.rill.data.csv.CsvDecoderTest.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.DatasetIterator;
import dev.rill.data.dataset.DatasetPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
  private static final List<Tensor> DEFAULTS = List.of(CsvDecoder.required(DType.INT32),
      Tensor.scalar(0f), Tensor.scalar("?"));

  @TempDir
  Path dir;

  @Test
  void readsFilesInOrderSkippingHeadersAndBlankLines() throws Exception {
    Path a = write("a.csv", "id,score,name\r\n1,0.5,ann\r\n\r\n2,,\"b, c\"\r\n");
    Path b = write("b.csv", "id,score,name\n3,1.5,\"multi\nline\"\n4,2,dee");
    CsvDataset csv = CsvDataset.of(List.of(a, b), DEFAULTS).withHeader(true);
    List<List<Tensor>> rows = list(csv.rows());
    assertThat(rows).hasSize(4);
    assertThat(rows).extracting(r -> r.get(0).intData()[0]).containsExactly(1, 2, 3, 4);
    assertThat(rows.get(1).get(1).floatData()[0]).isZero();
    assertThat(str(rows.get(1).get(2))).isEqualTo("b, c");
    assertThat(str(rows.get(2).get(2))).isEqualTo("multi\nline");
    assertThat(str(rows.get(3).get(2))).isEqualTo("dee");
    assertThat(csv.columnNames()).containsExactly("id", "score", "name");
  }

  @Test
  void namedRowsUseTheHeaderOrGivenNames() throws Exception {
    Path a = write("a.csv", "x,y,z,w\n5,6.5,q,skip\n");
    CsvDataset csv = CsvDataset.of(List.of(a), List.of(Tensor.scalar(0), Tensor.scalar("")))
        .withOptions(CsvOptions.DEFAULT.withSelectCols(0, 2)).withHeader(true);
    Map<String, Tensor> row = list(csv.namedRows()).getFirst();
    assertThat(row.keySet()).containsExactly("x", "z");
    assertThat(row.get("x").intData()[0]).isEqualTo(5);
    assertThat(list(csv.withColumnNames(List.of("p", "q")).namedRows()).getFirst())
        .containsKeys("p", "q");
  }

  @Test
  void errorsNameTheFileAndTheLineTheRecordStartsOn() throws Exception {
    Path a = write("a.csv", "h,h,h\n1,2,x\n\"2\",7,\"two\nlines\"\n3,oops,z\n");
    DatasetException e = catchThrowableOfType(DatasetException.class,
        () -> list(CsvDataset.of(List.of(a), DEFAULTS).withHeader(true).rows()));
    CsvFormatException c = (CsvFormatException) e.getCause();
    assertThat(c.file()).isEqualTo(a.toString());
    assertThat(c.line()).isEqualTo(5);
    assertThat(c.column()).isEqualTo(1);
    assertThat(e.getMessage()).contains(a.toString(), "line 5", "column 1", "'oops'");
  }

  @Test
  void wrongColumnCountAndMissingRequiredFieldsAreTypedErrors() throws Exception {
    Path a = write("a.csv", "1,2,x\n2,3\n");
    CsvFormatException c = (CsvFormatException) catchThrowableOfType(DatasetException.class,
        () -> list(CsvDataset.of(List.of(a), DEFAULTS).rows())).getCause();
    assertThat(c.line()).isEqualTo(2);
    assertThat(c.column()).isEqualTo(2);
    assertThat(c.getMessage()).contains(a.toString(), "line 2, column 2", "expected 3 fields");
    Path b = write("b.csv", "1,2,x\n,3,y\n");
    c = (CsvFormatException) catchThrowableOfType(DatasetException.class,
        () -> list(CsvDataset.of(List.of(b), DEFAULTS).rows())).getCause();
    assertThat(c.line()).isEqualTo(2);
    assertThat(c.column()).isZero();
    Path u = write("u.csv", "1,2,\"open\n3,4,5\n");
    c = (CsvFormatException) catchThrowableOfType(DatasetException.class,
        () -> list(CsvDataset.of(List.of(u), DEFAULTS).rows())).getCause();
    assertThat(c.line()).isEqualTo(1);
    assertThat(c.problem()).contains("not closed");
  }

  @Test
  void aRestoredPositionSkipsRecordsWithoutDecodingThem() throws Exception {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      s.append(i).append(',').append(i * 0.5f).append(",\"r").append(i).append("\"\n");
    }
    Path a = write("a.csv", s.toString());
    Path b = write("b.csv", s.toString());
    Dataset<List<Tensor>> rows = CsvDataset.of(List.of(a, b), DEFAULTS).rows();
    DatasetPosition pos;
    try (DatasetIterator<List<Tensor>> it = rows.iterator()) {
      for (int i = 0; i < 73; i++) {
        it.next();
      }
      pos = it.position();
    }
    try (DatasetIterator<List<Tensor>> it = rows.iterator(pos)) {
      assertThat(it.next().get(0).intData()[0]).isEqualTo(23);
    }
    assertThat(list(rows.skip(99))).hasSize(1);
  }

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  static <T> List<T> list(Dataset<T> d) {
    List<T> out = new ArrayList<>();
    d.forEach(out::add);
    return out;
  }
}
