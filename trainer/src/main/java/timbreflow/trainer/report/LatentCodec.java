package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;

/**
 * Batched calls into a {@link ModelBundle} over lists of whole notes: each note is one {@code [513,
 * frames]} row-major array, {@code batch} of them go into one ONNX Runtime call.
 */
final class LatentCodec {

  private final ModelBundle bundle;
  private final int batch;
  private final int bins;

  LatentCodec(ModelBundle bundle, int batch) {
    this.bundle = bundle;
    this.batch = batch;
    this.bins = bundle.manifest().bins();
  }

  int bins() {
    return bins;
  }

  /** Latents {@code z} of each note; all notes have {@code frames} frames. */
  List<float[]> encode(List<float[]> features, int frames, int[] pitch, int[] family) {
    List<float[]> out = new ArrayList<>(features.size());
    for (int from = 0; from < features.size(); from += batch) {
      int n = Math.min(batch, features.size() - from);
      long[] p = new long[n];
      long[] f = new long[n];
      for (int i = 0; i < n; i++) {
        p[i] = pitch[from + i];
        f[i] = family[from + i];
      }
      Encoded e = bundle.encode(concat(features, from, n), n, frames, p, f);
      split(e.z(), n, out);
    }
    return out;
  }

  /** Features decoded from each latent. */
  List<float[]> decode(List<float[]> latents, int frames) {
    List<float[]> out = new ArrayList<>(latents.size());
    for (int from = 0; from < latents.size(); from += batch) {
      int n = Math.min(batch, latents.size() - from);
      split(bundle.decode(concat(latents, from, n), n, frames), n, out);
    }
    return out;
  }

  /** The prior's mean and log-std for one condition. */
  PriorParams prior(int pitch, int family, int frames) {
    return bundle.prior(new long[] {pitch}, new long[] {family}, frames);
  }

  private static float[] concat(List<float[]> items, int from, int n) {
    int size = items.get(from).length;
    float[] all = new float[n * size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(items.get(from + i), 0, all, i * size, size);
    }
    return all;
  }

  private static void split(float[] all, int n, List<float[]> out) {
    int size = all.length / n;
    for (int i = 0; i < n; i++) {
      out.add(Arrays.copyOfRange(all, i * size, (i + 1) * size));
    }
  }
}
