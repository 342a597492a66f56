package timbreflow.server.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import timbreflow.server.engine.NoteService;
import timbreflow.server.engine.Rendering;

/**
 * Turns a {@link Rendering} into a reply: a WAV, or with {@code view=png} the picture of its
 * features, with headers that say how it was made.
 *
 * <p>Headers: {@code X-Bits-Per-Dim} (when the input was encoded), {@code
 * X-Spectral-Convergence-Db}, {@code X-Stage-Millis} ({@code stage=ms;…}) and the standard {@code
 * Server-Timing}, which browsers' developer tools display.
 */
final class AudioReplies {

  private AudioReplies() {}

  static Reply of(NoteService service, Rendering rendering, boolean png, String filename) {
    long start = System.nanoTime();
    byte[] body = png ? service.spectrogram(rendering) : service.wav(rendering);
    Map<String, Long> stages = new LinkedHashMap<>(rendering.stageNanos());
    stages.put(png ? "png" : "wav", System.nanoTime() - start);
    Map<String, String> headers = new LinkedHashMap<>();
    rendering
        .bitsPerDim()
        .ifPresent(b -> headers.put("X-Bits-Per-Dim", String.format(Locale.ROOT, "%.4f", b)));
    headers.put(
        "X-Spectral-Convergence-Db",
        String.format(Locale.ROOT, "%.2f", rendering.spectralConvergenceDb()));
    StringJoiner millis = new StringJoiner(";");
    StringJoiner timing = new StringJoiner(", ");
    stages.forEach(
        (stage, nanos) -> {
          String ms = String.format(Locale.ROOT, "%.2f", nanos / 1e6);
          millis.add(stage + "=" + ms);
          timing.add(stage + ";dur=" + ms);
        });
    headers.put("X-Stage-Millis", millis.toString());
    headers.put("Server-Timing", timing.toString());
    headers.put(
        "Content-Disposition", "inline; filename=\"" + filename + (png ? ".png" : ".wav") + "\"");
    headers.put(
        "Access-Control-Expose-Headers",
        "X-Bits-Per-Dim, X-Spectral-Convergence-Db, X-Stage-Millis, Server-Timing, X-Request-Id");
    return new Reply(png ? "image/png" : "audio/wav", body, headers);
  }
}
