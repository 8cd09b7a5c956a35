package dev.rill.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvDecoderTest {
  private static final List<Tensor> MIXED = List.of(Tensor.scalar(-1f), Tensor.scalar(0.5),
      Tensor.scalar(7), Tensor.scalar(9L), Tensor.scalar("dflt"));

  @Test
  void eachColumnTakesItsDefaultsType() throws Exception {
    List<Tensor> row = new CsvDecoder(MIXED, CsvOptions.DEFAULT).decode("1.25,2.5,-3,4000000000,hi");
    assertThat(row).extracting(Tensor::dtype).containsExactly(DType.FLOAT32, DType.FLOAT64,
        DType.INT32, DType.INT64, DType.STRING);
    assertThat(row).allSatisfy(t -> assertThat(t.shape()).isEqualTo(Shape.scalar()));
    assertThat(row.get(0).floatData()[0]).isEqualTo(1.25f);
    assertThat(row.get(1).doubleData()[0]).isEqualTo(2.5);
    assertThat(row.get(2).intData()[0]).isEqualTo(-3);
    assertThat(row.get(3).longData()[0]).isEqualTo(4_000_000_000L);
    assertThat(str(row.get(4))).isEqualTo("hi");
  }

  @Test
  void emptyFieldsTakeTheDefault() throws Exception {
    List<Tensor> row = new CsvDecoder(MIXED, CsvOptions.DEFAULT).decode(",,,,");
    assertThat(row.get(0).floatData()[0]).isEqualTo(-1f);
    assertThat(row.get(1).doubleData()[0]).isEqualTo(0.5);
    assertThat(row.get(2).intData()[0]).isEqualTo(7);
    assertThat(row.get(3).longData()[0]).isEqualTo(9L);
    assertThat(str(row.get(4))).isEqualTo("dflt");
  }

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(""), Tensor.scalar(""), Tensor.scalar(0)),
        CsvOptions.DEFAULT);
    List<Tensor> row = d.decode("\"a,b\",\"say \"\"hi\"\"\nthere\",\"12\"");
    assertThat(str(row.get(0))).isEqualTo("a,b");
    assertThat(str(row.get(1))).isEqualTo("say \"hi\"\nthere");
    assertThat(row.get(2).intData()[0]).isEqualTo(12);
    // An empty quoted field is empty, so it takes the default.
    assertThat(d.decode("\"\",x,\"\"").get(2).intData()[0]).isZero();
  }

  @Test
  void withoutQuoteHandlingQuotesAreOrdinary() throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(""), Tensor.scalar("")),
        CsvOptions.DEFAULT.withUseQuoteDelim(false));
    List<Tensor> row = d.decode("\"a,b\"");
    assertThat(str(row.get(0))).isEqualTo("\"a");
    assertThat(str(row.get(1))).isEqualTo("b\"");
  }

  @Test
  void otherDelimitersNaValueAndSelectedColumns() throws Exception {
    CsvOptions o = CsvOptions.DEFAULT.withFieldDelim('\t').withNaValue("NA").withSelectCols(1, 3);
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(-1L), Tensor.scalar("none")), o);
    List<Tensor> row = d.decode("x\tNA\ty\tz\tignored\t\"bad");
    assertThat(row.get(0).longData()[0]).isEqualTo(-1L);
    assertThat(str(row.get(1))).isEqualTo("z");
    assertThat(d.decode("1\t2\t3\tNA").get(1)).satisfies(t -> assertThat(str(t)).isEqualTo("none"));
  }

  @Test
  void aTrailingDelimiterAddsAnEmptyField() throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0), Tensor.scalar(5)), CsvOptions.DEFAULT);
    assertThat(d.decode("3,").get(1).intData()[0]).isEqualTo(5);
    CsvFormatException e = catchThrowableOfType(CsvFormatException.class, () -> d.decode("3,4,"));
    assertThat(e.column()).isEqualTo(2);
    assertThat(e.problem()).contains("expected 2 fields", "has 3");
  }

  @Test
  void aRequiredColumnMustBePresent() {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0f), CsvDecoder.required(DType.INT64)),
        CsvOptions.DEFAULT);
    CsvFormatException e = catchThrowableOfType(CsvFormatException.class, () -> d.decode("1,"));
    assertThat(e.column()).isEqualTo(1);
    assertThat(e.problem()).contains("required");
    assertThat(e.getMessage()).startsWith("<record>: line 1, column 1: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1x", "x", "0x10", "1e", "--1", "1.5", "2147483648", "-2147483649", " ",
      "1 2", "+", "+3"})
  void badIntegersNameLineAndColumn(String field) throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(""), Tensor.scalar(0)), CsvOptions.DEFAULT);
    byte[] rec = ("a," + field).getBytes(StandardCharsets.UTF_8);
    CsvFormatException e = catchThrowableOfType(CsvFormatException.class,
        () -> d.decode(rec, rec.length, "data/x.csv", 12));
    assertThat(e.file()).isEqualTo("data/x.csv");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.column()).isEqualTo(1);
    assertThat(e.problem()).contains("not a valid int32");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1f", "1d", "0x1p3", ".", "e5", "1e+", "1..2", "Infinit", "nan1", "infinity", "0x", "0x1g",
      "0.0000000000000000000000000000001"})
  void badFloatsAreRejected(String field) {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0f)), CsvOptions.DEFAULT);
    assertThatThrownBy(() -> d.decode(field)).isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("not a valid float32");
  }

  @Test
  void numbersMayBeSurroundedBySpaceAndFloatsHaveTheirSpecialValues() throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0f), Tensor.scalar(0.0), Tensor.scalar(0L),
        Tensor.scalar(0f)), CsvOptions.DEFAULT);
    List<Tensor> row = d.decode(" 1e3 ,-INF,\t-9223372036854775808 ,NaN");
    assertThat(d.decode("0x10,-0x1F,1,+2").get(1).doubleData()[0]).isEqualTo(-31.0);
    assertThat(row.get(0).floatData()[0]).isEqualTo(1000f);
    assertThat(row.get(1).doubleData()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(row.get(2).longData()[0]).isEqualTo(Long.MIN_VALUE);
    assertThat(row.get(3).floatData()[0]).isNaN();
    assertThat(d.decode("1e60,1e400,1,.5e-1").get(0).floatData()[0])
        .isEqualTo(Float.POSITIVE_INFINITY);
  }

  @Test
  void quotingErrorsNameTheColumn() {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(""), Tensor.scalar("")), CsvOptions.DEFAULT);
    assertThat(catchThrowableOfType(CsvFormatException.class, () -> d.decode("a,\"b\"c")).column())
        .isEqualTo(1);
    assertThat(catchThrowableOfType(CsvFormatException.class, () -> d.decode("a\"b,c")).column())
        .isZero();
    assertThat(catchThrowableOfType(CsvFormatException.class, () -> d.decode("a,\"bc")).problem())
        .contains("no closing quote");
  }

  @Test
  void selectedColumnsMustExist() {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0)), CsvOptions.DEFAULT.withSelectCols(4));
    CsvFormatException e = catchThrowableOfType(CsvFormatException.class, () -> d.decode("1,2,3"));
    assertThat(e.problem()).contains("at least 5", "has 3");
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void decodeCsvOnATensorKeepsItsShape() throws Exception {
    CsvDecoder d = new CsvDecoder(List.of(Tensor.scalar(0), Tensor.scalar("")), CsvOptions.DEFAULT);
    List<Tensor> cols = d.decodeCsv(Tensor.ofStrings(Shape.of(2, 2), "1,a", ",b", "3,", "4,d"),
        "batch");
    assertThat(cols.get(0).shape()).isEqualTo(Shape.of(2, 2));
    assertThat(cols.get(0).intData()).containsExactly(1, 0, 3, 4);
    assertThat(str(cols.get(1), 2)).isEmpty();
    CsvFormatException e = catchThrowableOfType(CsvFormatException.class,
        () -> d.decodeCsv(Tensor.of("1,a", "x,b"), "batch"));
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.file()).isEqualTo("batch");
  }

  @Test
  void badDefaultsAreRefusedUpFront() {
    assertThatThrownBy(() -> new CsvDecoder(List.of(Tensor.scalar(true)), CsvOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CsvDecoder(List.of(Tensor.of(1, 2)), CsvOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CsvDecoder(List.of(Tensor.scalar(1)),
        CsvOptions.DEFAULT.withSelectCols(0, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsvOptions.DEFAULT.withSelectCols(2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String str(Tensor t) {
    return str(t, 0);
  }

  static String str(Tensor t, int i) {
    return new String(t.stringData()[i], StandardCharsets.UTF_8);
  }
}
