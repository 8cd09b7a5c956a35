package dev.rill.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compares {@link CsvDecoder} with TensorFlow's {@code DecodeCSV} op on tricky records. */
class CsvOracleTest {
  private static final List<String> RECORDS = List.of(
      "1,2.5,x", ",,", "\"1\",\"2\",\"a,b\"", "1,2,\"say \"\"hi\"\"\"", "1,2,\"a\"b", "1,2,a\"b",
      "1,2", "1,2,3,", "1,2,3,4", " 7 , 1e3 ,z", "1x,2,3", "1,2x,3", "1,.5,", "+3,-0,NA", "NA,1,2",
      "2147483648,1,2", "-2147483648,1,2", "1,inf,a", "1,-Infinity,a", "1,nan,a", "1,,\"\"",
      "1,2,\"open", "1,2,\"a\nb\"", "1,2,a\rb", "", ",", "\"\"", "1;2;3", "1,1e50,q", "1,0x10,q",
      "1,1f,q", "1,1.,q", "1,-.5e-2,q", "\t5\t,2,q", "1,2,\"\"\"\"", "1,\"2\" ,q", "1,2, \"q\"", "1,-0x1F,q", "1,+inf,q",
      "1,INF,q", "1,-nan,q", "-5,2,q", "- 5,2,q", "1,0.0000000000000000000000000000001,q",
      "1,0.000000000000000000000000000001,q", "1,+.5,q", "1,0x,q", "1,1e5x,q", "1;2,3");

  private final List<String> disagreements = new ArrayList<>();

  @Test
  void matchesTensorFlowOnEveryRecord() {
    List<Tensor> defaults = List.of(Tensor.scalar(-1), Tensor.scalar(0.25f), Tensor.scalar("d"));
    compare(defaults, CsvOptions.DEFAULT, Map.of());
    compare(defaults, CsvOptions.DEFAULT.withNaValue("NA"), Map.of("na_value", "NA"));
    compare(defaults, CsvOptions.DEFAULT.withUseQuoteDelim(false),
        Map.of("use_quote_delim", false));
    compare(List.of(CsvDecoder.required(DType.INT64), CsvDecoder.required(DType.FLOAT64),
        CsvDecoder.required(DType.STRING)), CsvOptions.DEFAULT, Map.of());
    compare(List.of(Tensor.scalar(0L), Tensor.scalar("s")), CsvOptions.DEFAULT.withSelectCols(0, 2),
        Map.of("select_cols", new long[] {0, 2}));
    compare(defaults, CsvOptions.DEFAULT.withFieldDelim(';'), Map.of("field_delim", ";"));
    if (!disagreements.isEmpty()) {
      fail(String.join("\n", disagreements));
    }
    assertThat(disagreements).isEmpty();
  }

  private void compare(List<Tensor> defaults, CsvOptions options, Map<String, Object> attrs) {
    CsvDecoder decoder = new CsvDecoder(defaults, options);
    for (String record : RECORDS) {
      List<Tensor> expected;
      try {
        expected = TfOracle.runWithListInputs("DecodeCSV",
            List.of(List.of(Tensor.of(record)), defaults), new LinkedHashMap<>(attrs),
            defaults.size());
      } catch (RuntimeException e) {
        expected = null;
      }
      List<Tensor> got;
      try {
        got = decoder.decodeCsv(Tensor.of(record), "oracle");
      } catch (CsvFormatException e) {
        got = null;
      }
      String exp = expected == null ? "error" : show(expected);
      String act = got == null ? "error" : show(got);
      if (!exp.equals(act)) {
        disagreements.add(options + ": " + record.replace("\n", "\\n").replace("\r", "\\r")
            + " -> TF " + exp
            + ", Rill " + act);
      }
    }
  }

  private static String show(List<Tensor> cols) {
    List<String> out = new ArrayList<>();
    for (Tensor t : cols) {
      out.add(t.dtype() == DType.STRING ? new String(t.stringData()[0],
          java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(t.getDouble(0)));
    }
    return Arrays.toString(out.toArray());
  }
}
