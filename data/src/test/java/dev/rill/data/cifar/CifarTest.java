package dev.rill.data.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Pair;
import dev.rill.data.idx.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
  @TempDir
  Path dir;

  /** Record {@code r}: label r % 10, pixel (y, x) of plane c = r + c * 50 + y * 3 + x. */
  static byte[] records(int n, CifarFormat format) {
    byte[] b = new byte[n * format.recordBytes()];
    for (int r = 0; r < n; r++) {
      int off = r * format.recordBytes();
      if (format == CifarFormat.CIFAR100) {
        b[off] = (byte) (r % 20);
        b[off + 1] = (byte) (r % 100);
      } else {
        b[off] = (byte) (r % 10);
      }
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < 1024; p++) {
          b[off + format.labelBytes() + c * 1024 + p] = (byte) (r + c * 50 + (p / 32) * 3 + p % 32);
        }
      }
    }
    return b;
  }

  @Test
  void planesBecomeHeightWidthChannel() throws Exception {
    CifarReader.Batch batch = CifarReader.decode(records(3, CifarFormat.CIFAR10), "mem",
        CifarFormat.CIFAR10);
    assertThat(batch.images().shape()).isEqualTo(Shape.of(3, 32, 32, 3));
    assertThat(batch.labels().intData()).containsExactly(0, 1, 2);
    assertThat(batch.coarseLabels()).isNull();
    Tensor img = batch.images();
    for (int c = 0; c < 3; c++) {
      assertThat(img.getLong(2, 5, 7, c) & 0xff).isEqualTo((2 + c * 50 + 5 * 3 + 7) & 0xff);
    }
  }

  @Test
  void cifar100HasCoarseAndFineLabels() throws Exception {
    Path f = dir.resolve("train.bin");
    Files.write(f, records(25, CifarFormat.CIFAR100));
    CifarReader.Batch batch = CifarReader.read(f, CifarFormat.CIFAR100);
    assertThat(batch.labels().intData()[21]).isEqualTo(21);
    assertThat(batch.coarseLabels().intData()[21]).isEqualTo(1);
  }

  @Test
  void aPartialRecordIsAnErrorNamingFileAndOffset() throws Exception {
    Path f = dir.resolve("data_batch_1.bin");
    Files.write(f, Arrays.copyOf(records(3, CifarFormat.CIFAR10), 3 * 3073 - 5));
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> CifarReader.read(f, CifarFormat.CIFAR10));
    assertThat(e.file()).isEqualTo(f.toString());
    assertThat(e.offset()).isEqualTo(2 * 3073);
    assertThat(e.problem()).contains("not a multiple of the 3073-byte");
  }

  @Test
  void anOutOfRangeLabelIsAnErrorAtItsByte() {
    byte[] b = records(4, CifarFormat.CIFAR10);
    b[2 * 3073] = 10;
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> CifarReader.decode(b, "mem", CifarFormat.CIFAR10));
    assertThat(e.offset()).isEqualTo(2 * 3073);
    assertThat(e.problem()).contains("record 2", "label 10");
  }

  @Test
  void aDatasetReadsSeveralFilesAndSkipsBySeeking() throws Exception {
    Path a = dir.resolve("a.bin");
    Path b = dir.resolve("b.bin");
    Files.write(a, records(4, CifarFormat.CIFAR10));
    Files.write(b, records(3, CifarFormat.CIFAR10));
    Dataset<Pair<Tensor, Tensor>> ds = CifarDataset.of(List.of(a, b), CifarFormat.CIFAR10);
    List<Pair<Tensor, Tensor>> all = new ArrayList<>();
    ds.forEach(all::add);
    assertThat(all).extracting(p -> p.second().intData()[0]).containsExactly(0, 1, 2, 3, 0, 1, 2);
    assertThat(all.get(5).first().shape()).isEqualTo(Shape.of(32, 32, 3));
    assertThat(all.get(5).first().getLong(5, 7, 2) & 0xff).isEqualTo(1 + 100 + 15 + 7);
    List<Pair<Tensor, Tensor>> tail = new ArrayList<>();
    ds.skip(5).forEach(tail::add);
    assertThat(tail).extracting(p -> p.second().intData()[0]).containsExactly(1, 2);
    assertThat(Arrays.equals(tail.getFirst().first().uint8Data(), all.get(5).first().uint8Data()))
        .isTrue();
  }

  @Test
  void aDamagedFileFailsThePassWithTheTypedCause() throws Exception {
    Path a = dir.resolve("a.bin");
    Path bad = dir.resolve("bad.bin");
    Files.write(a, records(2, CifarFormat.CIFAR10));
    Files.write(bad, new byte[3073 + 100]);
    DatasetException e = catchThrowableOfType(DatasetException.class,
        () -> CifarDataset.of(List.of(a, bad), CifarFormat.CIFAR10).forEach(p -> { }));
    DataFormatException c = (DataFormatException) e.getCause();
    assertThat(c.file()).isEqualTo(bad.toString());
    assertThat(c.offset()).isEqualTo(3073);
  }
}
