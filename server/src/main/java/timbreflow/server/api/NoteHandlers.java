package timbreflow.server.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import timbreflow.server.engine.GriffinLimControls;
import timbreflow.server.engine.ModelSummary;
import timbreflow.server.engine.NoteRequest;
import timbreflow.server.engine.NoteService;

/**
 * {@code POST /v1/reconstruct}, {@code /v1/encode}, {@code /v1/decode}, {@code /v1/spectrogram} and
 * {@code GET /v1/sample}: parse and validate on the event loop, run on a worker.
 */
public final class NoteHandlers {

  private final NoteService service;
  private final Dispatcher dispatcher;
  private final Limits limits;

  public NoteHandlers(NoteService service, Dispatcher dispatcher, Limits limits) {
    this.service = service;
    this.dispatcher = dispatcher;
    this.limits = limits;
  }

  /** {@code POST /v1/reconstruct}: WAV in, reconstructed WAV (or PNG) out. */
  public void reconstruct(RoutingContext ctx) {
    QueryParams query = new QueryParams(ctx);
    NoteRequest request = noteRequest(query);
    boolean png = RequestReading.wantsPng(query);
    byte[] wav = RequestReading.body(ctx, "a WAV file");
    dispatcher.run(
        ctx,
        c -> AudioReplies.of(service, service.reconstruct(wav, request, c), png, "reconstruction"));
  }

  /** {@code POST /v1/encode}: WAV in, latent {@code .npy} out. */
  public void encode(RoutingContext ctx) {
    QueryParams query = new QueryParams(ctx);
    NoteRequest request = noteRequest(query);
    byte[] wav = RequestReading.body(ctx, "a WAV file");
    dispatcher.run(
        ctx,
        c ->
            new Reply(
                "application/octet-stream",
                service.encode(wav, request, c),
                Map.of("Content-Disposition", "attachment; filename=\"latent.npy\"")));
  }

  /**
   * {@code POST /v1/decode}: latent {@code .npy} in, WAV (or PNG) out; {@code pitch} and {@code
   * family} give the condition a conditional flow decodes under.
   */
  public void decode(RoutingContext ctx) {
    QueryParams query = new QueryParams(ctx);
    NoteRequest request = noteRequest(query, "");
    boolean png = RequestReading.wantsPng(query);
    byte[] npy = RequestReading.body(ctx, "a .npy latent of shape [1, 513, T] or [513, T]");
    dispatcher.run(
        ctx, c -> AudioReplies.of(service, service.decode(npy, request, c), png, "decoded"));
  }

  /** {@code GET /v1/sample}: a note from the prior. */
  public void sample(RoutingContext ctx) {
    QueryParams query = new QueryParams(ctx);
    ModelSummary summary = service.summary();
    int pitch =
        query.integer("pitch", summary.minPitch(), summary.maxPitch(), clampPitch(summary, 60));
    int family = family(query, summary, "family").orElse(0);
    double temperature = query.number("temperature", 0.0, Limits.MAX_TEMPERATURE, 0.7);
    GriffinLimControls gl = RequestReading.griffinLim(query, limits);
    boolean png = RequestReading.wantsPng(query);
    dispatcher.run(
        ctx,
        c ->
            AudioReplies.of(
                service, service.sample(pitch, family, temperature, gl, c), png, "sample"));
  }

  /** {@code POST /v1/spectrogram}: WAV in, PNG out. */
  public void spectrogram(RoutingContext ctx) {
    byte[] wav = RequestReading.body(ctx, "a WAV file");
    dispatcher.run(ctx, c -> Reply.of("image/png", service.spectrogram(wav)));
  }

  private NoteRequest noteRequest(QueryParams query) {
    return noteRequest(query, "");
  }

  /**
   * The condition, latent noise and Griffin-Lim controls of a request; {@code suffix} picks one
   * note's parameters where a request has two ({@code pitch_a}, {@code family_b}).
   */
  NoteRequest noteRequest(QueryParams query, String suffix) {
    ModelSummary summary = service.summary();
    OptionalInt pitch =
        query
            .integer("pitch" + suffix, summary.minPitch(), summary.maxPitch())
            .map(OptionalInt::of)
            .orElse(OptionalInt.empty());
    OptionalInt family = family(query, summary, "family" + suffix);
    double noise = query.number("noise", 0.0, Limits.MAX_NOISE, 0.0);
    return new NoteRequest(pitch, family, noise, RequestReading.griffinLim(query, limits));
  }

  /**
   * The family index a request names in parameter {@code name}: the HTTP edge is the one place
   * family names are read; past it a family is its index.
   */
  private static OptionalInt family(QueryParams query, ModelSummary summary, String name) {
    Optional<String> family = query.string(name);
    if (family.isEmpty()) {
      return OptionalInt.empty();
    }
    int id = summary.familyId(family.get());
    if (id < 0) {
      throw ApiError.badField(
          name, "one of " + String.join(", ", summary.families()), QueryParams.quote(family.get()));
    }
    return OptionalInt.of(id);
  }

  private static int clampPitch(ModelSummary summary, int pitch) {
    return Math.max(summary.minPitch(), Math.min(summary.maxPitch(), pitch));
  }
}
