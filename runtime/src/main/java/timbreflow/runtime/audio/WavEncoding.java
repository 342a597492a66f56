package timbreflow.runtime.audio;

/** Sample encodings that {@link WavWriter} can write. */
public enum WavEncoding {
  /** 16-bit signed little-endian PCM; samples are clipped to [-1, 1] and rounded. */
  PCM_16,
  /** 32-bit IEEE float; samples are stored exactly, without clipping. */
  FLOAT_32
}
