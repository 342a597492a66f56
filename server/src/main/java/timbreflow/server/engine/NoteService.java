package timbreflow.server.engine;

import java.util.List;
import timbreflow.server.metrics.ServerMetrics;
import timbreflow.server.work.Cancellation;

/**
 * The note operations behind the HTTP API. Every method blocks (ONNX, Griffin-Lim) and must run on
 * a worker thread; each polls its {@link Cancellation} between stages and inside Griffin-Lim.
 * Failures are {@code TimbreflowException}s whose reason the server maps to a status.
 */
public interface NoteService extends AutoCloseable {

  /** Runs every graph and a short Griffin-Lim once, before the server reports ready. */
  void warmUp();

  /** Reports inference and Griffin-Lim times to {@code metrics} from now on. */
  void reportTo(ServerMetrics metrics);

  /** The loaded bundle's description. */
  ModelSummary summary();

  /** Encodes a WAV, optionally perturbs the latent, decodes it and renders audio. */
  Rendering reconstruct(byte[] wav, NoteRequest request, Cancellation cancellation);

  /** Encodes a WAV to its latent, returned as {@code .npy} bytes of shape {@code [1, 513, T]}. */
  byte[] encode(byte[] wav, NoteRequest request, Cancellation cancellation);

  /**
   * Decodes a latent ({@code .npy}, {@code [513, T]} or {@code [1, 513, T]}) under the request's
   * condition (a conditional flow needs one) and renders audio.
   */
  Rendering decode(byte[] npy, NoteRequest request, Cancellation cancellation);

  /**
   * Interpolates between two notes in latent space, latents and conditions alike: one point at
   * {@code alpha} when {@code steps} is 0, else a sweep of {@code steps} points from a to b played
   * one after another, each {@code stretch} times the note length. Each request gives its note's
   * condition (pitch and family; defaults as for reconstruct).
   */
  Rendering interpolate(
      byte[] wavA,
      NoteRequest requestA,
      byte[] wavB,
      NoteRequest requestB,
      double alpha,
      int steps,
      double stretch,
      GriffinLimControls griffinLim,
      Cancellation cancellation);

  /**
   * Samples a note from the conditional prior at {@code temperature}.
   *
   * @param pitch MIDI pitch
   * @param family family index into {@link ModelSummary#families()}
   */
  Rendering sample(
      int pitch,
      int family,
      double temperature,
      GriffinLimControls griffinLim,
      Cancellation cancellation);

  /** Renders the WAV's log-magnitude spectrogram as PNG bytes. */
  byte[] spectrogram(byte[] wav);

  /** Renders features as PNG bytes. */
  byte[] spectrogram(Rendering rendering);

  /** Encodes a rendering's audio as 16-bit PCM WAV bytes. */
  byte[] wav(Rendering rendering);

  /** The raw graphs' signatures, in the order encoder, decoder, prior. */
  List<GraphSignature> graphs();

  /** Runs one raw graph on already checked inputs. */
  List<Tensor> infer(String graph, List<Tensor> inputs);

  @Override
  void close();
}
