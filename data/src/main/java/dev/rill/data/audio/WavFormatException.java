package dev.rill.data.audio;

import dev.rill.data.idx.DataFormatException;

/**
 * WAV bytes are not a RIFF/WAVE file this decoder can read: a missing or short header chunk, an
 * unsupported encoding, a data chunk that runs past the end. Names the source and the byte offset.
 */
public class WavFormatException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  public WavFormatException(String source, long offset, String problem) {
    super(source, offset, problem);
  }
}
