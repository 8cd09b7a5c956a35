package dev.rill.data.audio;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes WAV (RIFF/WAVE) audio to float32 [frames, channels], as TensorFlow's {@code DecodeWav}:
 * 16-bit samples become {@code sample / 32768}, so values lie in [-1, 1). Beyond the op, this also
 * reads 8-bit (unsigned, {@code (b - 128) / 128}), 24- and 32-bit integer PCM (divided by 2^23 and
 * 2^31) and 32-bit IEEE float (kept as stored), plain or in a {@code WAVE_FORMAT_EXTENSIBLE} header.
 *
 * {@snippet :
 * DecodedWav clip = WavDecoder.read(Path.of("data/yes/0a7c2a8d_nohash_0.wav"), 1, 16000);
 * clip.audio();        // float32 [16000, 1], zero-padded or cut to one second
 * clip.sampleRate();   // 16000
 * }
 *
 * <p>{@code desiredChannels} and {@code desiredSamples} follow the op: -1 keeps what the file has;
 * asking for more channels than it has repeats its last channel (so mono is copied to every output
 * channel), fewer keeps the first ones; asking for more frames pads with zeros, fewer cuts.
 *
 * <p>Chunks other than {@code fmt } and {@code data} are skipped, before the format chunk too
 * (where the op refuses them), and the pad byte after an odd-sized chunk is skipped when present
 * (the op never skips it); the RIFF size field is not trusted (streaming writers leave it wrong).
 * A data chunk that is not a whole number of frames is refused. Anything unreadable ends in a
 * {@link WavFormatException} naming the source and the byte offset.
 */
public final class WavDecoder {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  /** Bytes 2-15 of the KSDATAFORMAT_SUBTYPE GUIDs for PCM and IEEE float. */
  private static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0,
      0x38, (byte) 0x9B, 0x71};

  private WavDecoder() {}

  /** Reads and decodes a file, keeping its channels and frames. */
  public static DecodedWav read(Path file) throws IOException {
    return read(file, -1, -1);
  }

  /** Reads and decodes a file with the op's {@code desired_channels} and {@code desired_samples}. */
  public static DecodedWav read(Path file, int desiredChannels, int desiredSamples)
      throws IOException {
    return decode(Files.readAllBytes(file), file.toString(), desiredChannels, desiredSamples);
  }

  /** Decodes WAV bytes, keeping their channels and frames. */
  public static DecodedWav decode(byte[] wav, String source) throws WavFormatException {
    return decode(wav, source, -1, -1);
  }

  /**
   * Decodes WAV bytes; {@code source} names them in errors.
   *
   * @param desiredChannels output channels, or -1 for the file's
   * @param desiredSamples output frames, or -1 for the file's
   */
  public static DecodedWav decode(byte[] wav, String source, int desiredChannels,
      int desiredSamples) throws WavFormatException {
    if (desiredChannels == 0 || desiredChannels < -1) {
      throw new IllegalArgumentException("WavDecoder: desiredChannels must be -1 or positive, got "
          + desiredChannels);
    }
    if (desiredSamples < -1) {
      throw new IllegalArgumentException("WavDecoder: desiredSamples must be -1 or >= 0, got "
          + desiredSamples);
    }
    WavHeader h = WavHeader.parse(wav, source);
    int frames = h.frames();
    int outFrames = desiredSamples < 0 ? frames : desiredSamples;
    int outChannels = desiredChannels < 0 ? h.channels() : desiredChannels;
    if ((long) outFrames * outChannels > Integer.MAX_VALUE - 8) {
      throw new WavFormatException(source, h.dataOffset(), "decoding " + outFrames + " frames of "
          + outChannels + " channels would not fit in one tensor");
    }
    float[] out = new float[outFrames * outChannels];
    int bytes = h.bitsPerSample() / 8;
    int copyFrames = Math.min(frames, outFrames);
    for (int f = 0; f < copyFrames; f++) {
      int frameAt = h.dataOffset() + f * h.blockAlign();
      for (int c = 0; c < outChannels; c++) {
        int inChannel = Math.min(c, h.channels() - 1);
        out[f * outChannels + c] = sample(wav, frameAt + inChannel * bytes, h);
      }
    }
    return new DecodedWav(Tensor.of(Shape.of(outFrames, outChannels), out), h.sampleRate());
  }

  private static float sample(byte[] b, int at, WavHeader h) {
    if (h.isFloat()) {
      return Float.intBitsToFloat(le32(b, at));
    }
    return switch (h.bitsPerSample()) {
      case 8 -> ((b[at] & 0xff) - 128) / 128f;
      case 16 -> (short) ((b[at] & 0xff) | (b[at + 1] << 8)) / 32768f;
      case 24 -> (((b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16))) / 8388608f;
      default -> (float) (le32(b, at) / 2147483648.0);
    };
  }

  static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16)
        | (b[at + 3] << 24);
  }

  static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
  }

  /** The parts of a WAV header the decoder needs, checked against the bytes. */
  record WavHeader(int channels, int sampleRate, int bitsPerSample, int blockAlign,
      boolean isFloat, int dataOffset, int dataBytes) {
    int frames() {
      return dataBytes / blockAlign;
    }

    static WavHeader parse(byte[] b, String src) throws WavFormatException {
      if (b.length < 12) {
        throw new WavFormatException(src, 0, "only " + b.length + " bytes; a WAV file starts with"
            + " a 12-byte RIFF header");
      }
      if (!tag(b, 0, "RIFF")) {
        throw new WavFormatException(src, 0, "expected 'RIFF', found " + shown(b, 0));
      }
      if (!tag(b, 8, "WAVE")) {
        throw new WavFormatException(src, 8, "expected 'WAVE', found " + shown(b, 8));
      }
      int at = 12;
      boolean haveFmt = false;
      int channels = 0;
      int rate = 0;
      int bits = 0;
      int align = 0;
      boolean isFloat = false;
      while (true) {
        if (at + 8 > b.length) {
          throw new WavFormatException(src, at, haveFmt ? "the file ends before a 'data' chunk"
              : "the file ends before a 'fmt ' chunk");
        }
        long size = le32(b, at + 4) & 0xffffffffL;
        int body = at + 8;
        if (tag(b, at, "fmt ")) {
          if (size < 16) {
            throw new WavFormatException(src, at + 4, "the 'fmt ' chunk has " + size
                + " bytes; it needs at least 16");
          }
          if (body + size > b.length) {
            throw new WavFormatException(src, at + 4, "the 'fmt ' chunk promises " + size
                + " bytes but only " + (b.length - body) + " remain");
          }
          int format = le16(b, body);
          channels = le16(b, body + 2);
          rate = le32(b, body + 4);
          align = le16(b, body + 12);
          bits = le16(b, body + 14);
          if (format == FORMAT_EXTENSIBLE) {
            if (size < 40) {
              throw new WavFormatException(src, at + 4, "an extensible 'fmt ' chunk needs 40"
                  + " bytes, it has " + size);
            }
            int sub = le16(b, body + 24);
            if (!java.util.Arrays.equals(b, body + 26, body + 40, GUID_TAIL, 0, 14)
                || (sub != FORMAT_PCM && sub != FORMAT_FLOAT)) {
              throw new WavFormatException(src, body + 24, "unsupported extensible sub-format;"
                  + " only PCM and IEEE float are read");
            }
            format = sub;
          }
          if (format != FORMAT_PCM && format != FORMAT_FLOAT) {
            throw new WavFormatException(src, body, "unsupported format tag " + format
                + "; only PCM (1) and IEEE float (3) are read");
          }
          isFloat = format == FORMAT_FLOAT;
          if (channels == 0) {
            throw new WavFormatException(src, body + 2, "the file has 0 channels");
          }
          if (rate <= 0) {
            throw new WavFormatException(src, body + 4, "sample rate " + (rate & 0xffffffffL)
                + " is not a positive int32");
          }
          boolean bitsOk = isFloat ? bits == 32 : bits == 8 || bits == 16 || bits == 24
              || bits == 32;
          if (!bitsOk) {
            throw new WavFormatException(src, body + 14, bits + " bits per sample is not supported"
                + (isFloat ? " for float data (32 is)" : " for PCM (8, 16, 24 and 32 are)"));
          }
          if (align != channels * (bits / 8)) {
            throw new WavFormatException(src, body + 12, "block align " + align + " is not "
                + channels + " channels x " + bits / 8 + " bytes");
          }
          haveFmt = true;
        } else if (tag(b, at, "data")) {
          if (!haveFmt) {
            throw new WavFormatException(src, at, "a 'data' chunk comes before the 'fmt ' chunk");
          }
          if (body + size > b.length) {
            throw new WavFormatException(src, at + 4, "the 'data' chunk promises " + size
                + " bytes but only " + (b.length - body) + " remain (truncated file?)");
          }
          if (size % align != 0) {
            throw new WavFormatException(src, at + 4, "the 'data' chunk has " + size
                + " bytes, not a whole number of " + align + "-byte frames");
          }
          return new WavHeader(channels, rate, bits, align, isFloat, body, (int) size);
        }
        // RIFF pads odd-sized chunks with a zero byte; TensorFlow does not skip it, and some
        // writers omit it. A chunk id never starts with 0, so a zero there is the pad.
        long next = body + size;
        if ((size & 1) == 1 && next < b.length && b[(int) next] == 0) {
          next++;
        }
        if (next > b.length) {
          throw new WavFormatException(src, at + 4, "chunk " + shown(b, at) + " promises " + size
              + " bytes but only " + (b.length - body) + " remain, and no 'data' chunk was found");
        }
        at = (int) next;
      }
    }

    private static boolean tag(byte[] b, int at, String tag) {
      for (int i = 0; i < 4; i++) {
        if (b[at + i] != tag.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static String shown(byte[] b, int at) {
      StringBuilder s = new StringBuilder("'");
      for (int i = 0; i < 4; i++) {
        int c = b[at + i] & 0xff;
        s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
      }
      return s.append("'").toString();
    }
  }
}
