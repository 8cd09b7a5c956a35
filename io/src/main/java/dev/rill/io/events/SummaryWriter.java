package dev.rill.io.events;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.SourceMetadata;
import dev.rill.io.proto.Summary;
import dev.rill.io.tfrecord.TfRecordFormat;
import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a TensorBoard event file into a log directory: scalars, histograms, images (PNG), audio
 * (16-bit WAV) and text, each as TensorFlow's summary ops write them, so TensorBoard shows Rill's
 * runs beside TensorFlow's. Point TensorBoard at the directory ({@code tensorboard --logdir ...}).
 *
 * <p>The file is named {@code events.out.tfevents.<seconds>.<host>.<pid>.<counter>.v2}, like the
 * files of TF2's {@code tf.summary.create_file_writer}, and starts with the {@code brain.Event:2}
 * version record. Events wait in memory and reach the file when more than {@code maxQueue} (10)
 * are waiting, every {@code flushInterval} (120 s, TensorFlow's {@code flush_millis}), on
 * {@link #flush()} and on {@link #close()}.
 *
 * <p>Safe to use from several threads. Logging methods do not throw checked exceptions: a failed
 * write surfaces as {@link UncheckedIOException} there, or as {@link IOException} from
 * {@code flush}/{@code close}; after a failure every call fails.
 *
 * {@snippet :
 * try (SummaryWriter w = SummaryWriter.create(Path.of("logs/run1"))) {
 *   for (long step = 0; step < 1000; step++) {
 *     float loss = trainStep();
 *     w.scalar("loss", loss, step);
 *     if (step % 100 == 0) {
 *       w.histogram("dense/kernel", kernel.value(), step);
 *       w.image("input", batch, 3, step);         // uint8 or float [n, h, w, c]
 *     }
 *   }
 *   w.text("notes", "learning rate **0.01**", 0);
 * }
 * }
 */
public final class SummaryWriter implements AutoCloseable, Flushable {
  /** TensorFlow's default {@code flush_millis}. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(120);
  /** TensorFlow's default {@code max_queue}. */
  public static final int DEFAULT_MAX_QUEUE = 10;
  /** The suffix TF2's {@code tf.summary.create_file_writer} gives its files. */
  public static final String DEFAULT_SUFFIX = ".v2";
  /** The {@code file_version} of the first record; TensorBoard checks it. */
  public static final String FILE_VERSION = "brain.Event:2";
  /** Named in the first record's {@code source_metadata}. */
  static final String SOURCE = "dev.rill.io.events";

  private static final Logger LOG = LoggerFactory.getLogger(SummaryWriter.class);
  /** How many counter values to try if a file of the same name already exists. */
  private static final int NAME_ATTEMPTS = 100;

  private final Path file;
  private final FileChannel channel;
  private final int maxQueue;
  private final Clock clock;
  private final Object lock = new Object();
  /** Framed records not yet written to the file. */
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 12);
  private int queued;
  private boolean closed;
  /** The first write failure; once set the writer refuses further work. */
  private IOException failure;
  private final ScheduledFuture<?> timer;

  private SummaryWriter(Builder b) throws IOException {
    this.maxQueue = b.maxQueue;
    this.clock = b.clock;
    Files.createDirectories(b.logDir);
    long seconds = clock.instant().getEpochSecond();
    FileChannel ch = null;
    Path f = null;
    for (int attempt = 0; ch == null; attempt++) {
      f = b.logDir.resolve(EventFileNames.next(seconds, b.suffix));
      try {
        ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt + 1 >= NAME_ATTEMPTS) {
          throw e;
        }
      }
    }
    this.file = f;
    this.channel = ch;
    // The version record goes out at once, so TensorBoard sees the run before the first flush.
    Event version = Event.newBuilder()
        .setWallTime(seconds).setStep(0).setFileVersion(FILE_VERSION)
        .setSourceMetadata(SourceMetadata.newBuilder().setWriter(SOURCE))
        .build();
    try {
      synchronized (lock) {
        pending.writeBytes(TfRecordFormat.frame(version.toByteArray()));
        queued++;
        flushLocked();
      }
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    long millis = b.flushInterval.toMillis();
    this.timer = millis > 0
        ? Flusher.EXECUTOR.scheduleWithFixedDelay(this::timedFlush, millis, millis,
            TimeUnit.MILLISECONDS)
        : null;
  }

  /** A writer with the defaults, creating {@code logDir} if needed. */
  public static SummaryWriter create(Path logDir) throws IOException {
    return builder(logDir).build();
  }

  /** Settings for a writer into {@code logDir}. */
  public static Builder builder(Path logDir) {
    return new Builder(logDir);
  }

  /** The event file being written. */
  public Path file() {
    return file;
  }

  /** Logs {@code value} (stored as float32 {@code simple_value}, as TensorFlow stores it). */
  public void scalar(String tag, double value, long step) {
    append(step, Summary.newBuilder().addValue(SummaryValues.scalar(tag(tag), (float) value))
        .build());
  }

  /** Logs a histogram of all elements of {@code values} (any real dtype; all finite). */
  public void histogram(String tag, Tensor values, long step) {
    histogram(tag, SummaryValues.histogramInput(values), step);
  }

  /** Logs a histogram of {@code values}, which must be finite, in TensorFlow's buckets. */
  public void histogram(String tag, double[] values, long step) {
    append(step, Summary.newBuilder().addValue(SummaryValues.histogram(tag(tag), values))
        .build());
  }

  /**
   * Logs one image {@code [height, width, channels]} (tag {@code <tag>/image}) or the first three
   * of a batch {@code [n, height, width, channels]} (tags {@code <tag>/image/<i>}). See
   * {@link #image(String, Tensor, int, long)}.
   */
  public void image(String tag, Tensor images, long step) {
    if (images.rank() == 3) {
      image(tag, images, 1, step);
    } else {
      image(tag, images, 3, step);
    }
  }

  /**
   * Logs up to {@code maxImages} images of {@code images} {@code [n, height, width, channels]}
   * (or one image {@code [height, width, channels]}) as PNG, with 1 (grey), 2 (grey, alpha), 3
   * (RGB) or 4 (RGBA) channels (TensorFlow's image summaries refuse 2; TensorBoard shows them). uint8 pixels are written as they are; float32 and float64 images
   * are scaled to uint8 per image as TensorFlow does: by 255 / max when no value is negative, else
   * by 127 / max|value| around 128; non-finite pixels become red. Tags are {@code <tag>/image}
   * when {@code maxImages} is 1 and {@code <tag>/image/<i>} otherwise.
   */
  public void image(String tag, Tensor images, int maxImages, long step) {
    Tensor batch = images.rank() == 3 ? withBatch(images) : images;
    write(SummaryValues.images(tag(tag), batch, maxImages), step);
  }

  /**
   * Logs one clip, {@code [frames, channels]} or {@code [frames]} float32 samples in [-1, 1], at
   * {@code sampleRate} Hz, as a 16-bit WAV tagged {@code <tag>/audio}. A batch
   * {@code [n, frames, channels]} logs its first three clips as {@code <tag>/audio/<i>}.
   */
  public void audio(String tag, Tensor samples, float sampleRate, long step) {
    if (samples.rank() == 3) {
      audio(tag, samples, sampleRate, 3, step);
    } else {
      audio(tag, samples, sampleRate, 1, step);
    }
  }

  /**
   * Logs up to {@code maxOutputs} clips of {@code clips} {@code [n, frames, channels]} float32
   * (or a single clip {@code [frames, channels]} or {@code [frames]}) as 16-bit WAVs. Samples are
   * clamped to [-1, 1]. Tags are {@code <tag>/audio} when {@code maxOutputs} is 1 and
   * {@code <tag>/audio/<i>} otherwise.
   */
  public void audio(String tag, Tensor clips, float sampleRate, int maxOutputs, long step) {
    Tensor batch = switch (clips.rank()) {
      case 1 -> Tensor.wrap(clips.dtype(), Shape.of(1, clips.shape().dim(0), 1), clips.data());
      case 2 -> withBatch(clips);
      case 3 -> clips;
      default -> throw InvalidArgumentException.of("SummaryWriter.audio", "expected [frames], "
          + "[frames, channels] or [n, frames, channels], got " + clips.shape());
    };
    write(SummaryValues.audio(tag(tag), batch, sampleRate, maxOutputs), step);
  }

  /**
   * Logs {@code text} for TensorBoard's text dashboard (which renders Markdown), as TF2's
   * {@code tf.summary.text} writes it: a string tensor whose metadata names the {@code text}
   * plugin.
   */
  public void text(String tag, String text, long step) {
    Objects.requireNonNull(text, "text");
    append(step, Summary.newBuilder().addValue(SummaryValues.text(tag(tag), text)).build());
  }

  /** Logs a summary built elsewhere, as one event at {@code step}. */
  public void write(Summary summary, long step) {
    append(step, summary);
  }

  /** Appends {@code event} as it is, except that a zero wall time is replaced by the time now. */
  public void write(Event event) {
    Event e = event.getWallTime() == 0 ? event.toBuilder().setWallTime(now()).build() : event;
    enqueue(TfRecordFormat.frame(e.toByteArray()));
  }

  private void write(List<Summary.Value> values, long step) {
    if (!values.isEmpty()) {
      append(step, Summary.newBuilder().addAllValue(values).build());
    }
  }

  private void append(long step, Summary summary) {
    Event e = Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build();
    enqueue(TfRecordFormat.frame(e.toByteArray()));
  }

  private void enqueue(byte[] record) {
    synchronized (lock) {
      checkUsable();
      pending.writeBytes(record);
      queued++;
      if (queued > maxQueue) {
        try {
          flushLocked();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Writes every waiting event to the file. */
  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      if (failure != null) {
        throw failure;
      }
      if (!closed) {
        flushLocked();
      }
    }
  }

  /** Flushes, syncs the file to disk and closes it; later calls do nothing. */
  @Override
  public void close() throws IOException {
    if (timer != null) {
      timer.cancel(false);
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (failure != null) {
          throw failure;
        }
        flushLocked();
        channel.force(true);
      } finally {
        channel.close();
      }
    }
  }

  private void flushLocked() throws IOException {
    if (queued == 0) {
      return;
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    pending.reset();
    queued = 0;
  }

  private void timedFlush() {
    try {
      flush();
    } catch (IOException e) {
      LOG.warn("could not flush summaries to {}", file, e);
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("SummaryWriter: " + file + " is closed");
    }
    if (failure != null) {
      throw new UncheckedIOException("SummaryWriter: an earlier write to " + file + " failed",
          failure);
    }
  }

  /** Seconds since the epoch, to the microsecond, as TensorFlow stamps events. */
  private double now() {
    Instant t = clock.instant();
    return t.getEpochSecond() + (t.getNano() / 1000) / 1e6;
  }

  private static String tag(String tag) {
    return Objects.requireNonNull(tag, "tag");
  }

  /** {@code t} as a batch of one, sharing its data (no op, so nothing lands on a tape). */
  private static Tensor withBatch(Tensor t) {
    Shape s = t.shape();
    int[] dims = new int[s.rank() + 1];
    dims[0] = 1;
    System.arraycopy(s.dims(), 0, dims, 1, s.rank());
    return Tensor.wrap(t.dtype(), Shape.of(dims), t.data());
  }

  /** Settings of a {@link SummaryWriter}; every one has TensorFlow's default. */
  public static final class Builder {
    private final Path logDir;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private int maxQueue = DEFAULT_MAX_QUEUE;
    private String suffix = DEFAULT_SUFFIX;
    private Clock clock = Clock.systemUTC();

    private Builder(Path logDir) {
      this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    /** How often waiting events are written to the file; zero turns the timer off. */
    public Builder flushInterval(Duration interval) {
      if (interval.isNegative()) {
        throw InvalidArgumentException.of("SummaryWriter", "flush interval must not be negative, "
            + "got " + interval);
      }
      this.flushInterval = interval;
      return this;
    }

    /** How many events may wait in memory; one more triggers a flush (0 writes each at once). */
    public Builder maxQueue(int events) {
      if (events < 0) {
        throw InvalidArgumentException.of("SummaryWriter", "maxQueue must not be negative, got "
            + events);
      }
      this.maxQueue = events;
      return this;
    }

    /**
     * Appended to the file name; a dot is put in front when missing. TF1's FileWriter used none,
     * TF2 uses {@code ".v2"}.
     */
    public Builder filenameSuffix(String suffix) {
      this.suffix = Objects.requireNonNull(suffix, "suffix");
      return this;
    }

    /** The clock for file names and wall times (for tests). */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Creates the directory if needed, and the file with its version record. */
    public SummaryWriter build() throws IOException {
      return new SummaryWriter(this);
    }
  }

  /** One daemon thread shared by all writers' flush timers. */
  private static final class Flusher {
    static final ScheduledExecutorService EXECUTOR = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "rill-summary-flush");
        t.setDaemon(true);
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }
}
