package timbreflow.server.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import timbreflow.server.engine.GriffinLimControls;
import timbreflow.server.engine.NoteRequest;
import timbreflow.server.engine.NoteService;

/**
 * {@code POST /v1/interpolate}: multipart WAV parts {@code a} and {@code b}; {@code alpha} for one
 * point between them, or {@code steps} (and {@code stretch}) for a sweep from a to b in one WAV;
 * {@code pitch_a}, {@code family_a}, {@code pitch_b} and {@code family_b} give each note's
 * condition (defaults as for reconstruct), which a conditional flow interpolates too.
 */
public final class InterpolateHandler {

  private final NoteService service;
  private final Dispatcher dispatcher;
  private final Limits limits;
  private final NoteHandlers notes;

  public InterpolateHandler(NoteService service, Dispatcher dispatcher, Limits limits) {
    this.service = service;
    this.dispatcher = dispatcher;
    this.limits = limits;
    this.notes = new NoteHandlers(service, dispatcher, limits);
  }

  /** Handles one request. */
  public void handle(RoutingContext ctx) {
    MultipartGuard.parsed(ctx);
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
      throw ApiError.badField(
          "body",
          "multipart/form-data with WAV parts a and b",
          contentType == null ? "no Content-Type" : "Content-Type " + contentType);
    }
    QueryParams query = new QueryParams(ctx);
    var alphaParam = query.number("alpha", 0.0, 1.0);
    var stepsParam = query.integer("steps", 2, Limits.MAX_STEPS);
    if (alphaParam.isPresent() && stepsParam.isPresent()) {
      throw ApiError.badField("alpha/steps", "one of alpha or steps", "both");
    }
    double alpha = alphaParam.orElse(0.5);
    int steps = stepsParam.orElse(0);
    double stretch = query.number("stretch", 1.0, Limits.MAX_STRETCH, 1.0);
    if (stepsParam.isEmpty() && query.string("stretch").isPresent()) {
      throw ApiError.badField("stretch", "only together with steps", "stretch without steps");
    }
    GriffinLimControls gl = RequestReading.griffinLim(query, limits);
    NoteRequest requestA = notes.noteRequest(query, "_a");
    NoteRequest requestB = notes.noteRequest(query, "_b");
    boolean png = RequestReading.wantsPng(query);
    FileUpload a = part(ctx.fileUploads(), "a");
    FileUpload b = part(ctx.fileUploads(), "b");
    var fs = ctx.vertx().fileSystem();
    Future.all(fs.readFile(a.uploadedFileName()), fs.readFile(b.uploadedFileName()))
        .onFailure(failure -> Replies.fail(ctx, failure))
        .onSuccess(
            both -> {
              byte[] wavA = both.<Buffer>resultAt(0).getBytes();
              byte[] wavB = both.<Buffer>resultAt(1).getBytes();
              dispatcher.run(
                  ctx,
                  c ->
                      AudioReplies.of(
                          service,
                          service.interpolate(
                              wavA, requestA, wavB, requestB, alpha, steps, stretch, gl, c),
                          png,
                          "interpolation"));
            });
  }

  private static FileUpload part(List<FileUpload> uploads, String name) {
    List<FileUpload> matching = uploads.stream().filter(u -> u.name().equals(name)).toList();
    if (matching.size() != 1) {
      throw ApiError.badField(
          name,
          "one WAV file part named " + name,
          matching.isEmpty()
              ? "parts " + uploads.stream().map(FileUpload::name).toList()
              : matching.size() + " parts named " + name);
    }
    if (matching.get(0).size() == 0) {
      throw ApiError.badField(name, "a WAV file", "an empty part");
    }
    return matching.get(0);
  }
}
