package dev.rill.io.events;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event file names as TensorFlow's summary file writer makes them:
 * {@code events.out.tfevents.<10-digit seconds>.<host>.<pid>.<counter><suffix>}, where the
 * counter is per process and a suffix that does not start with a dot gets one. TensorBoard reads
 * every file whose name contains {@code tfevents}.
 */
final class EventFileNames {
  static final String PREFIX = "events.out.tfevents.";
  private static final AtomicLong COUNTER = new AtomicLong();
  private static volatile String host;

  private EventFileNames() {}

  /** The next name for a file started at {@code seconds}, taking a fresh counter value. */
  static String next(long seconds, String suffix) {
    String sep = suffix.isEmpty() || suffix.startsWith(".") ? "" : ".";
    return PREFIX + String.format("%010d", seconds) + "." + hostname() + "."
        + ProcessHandle.current().pid() + "." + COUNTER.getAndIncrement() + sep + suffix;
  }

  /**
   * This machine's name as gethostname() reports it (which is what TensorFlow puts in the name),
   * with characters that cannot be in a file name replaced.
   */
  static String hostname() {
    String h = host;
    if (h == null) {
      h = lookUpHostname().replaceAll("[^A-Za-z0-9._-]", "_");
      host = h;
    }
    return h;
  }

  private static String lookUpHostname() {
    // Linux exposes gethostname() here; reading it avoids the DNS lookup InetAddress may do.
    Path kernel = Path.of("/proc/sys/kernel/hostname");
    try {
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel, StandardCharsets.UTF_8).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException | SecurityException e) {
      // fall through to the portable lookup
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | SecurityException e) {
      return "localhost";
    }
  }
}
