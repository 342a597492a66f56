package timbreflow.server.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body handler of upload routes, with two fixes over Vert.x's own.
 *
 * <ul>
 *   <li>{@link Mode#RAW} (WAV, {@code .npy}): the body is raw bytes whatever its declared type, so
 *       it is never decoded as a form ({@code curl --data-binary} declares {@code
 *       application/x-www-form-urlencoded}); the declared type is kept in {@code
 *       X-Declared-Content-Type}.
 *   <li>{@link Mode#MULTIPART}: arms {@link MultipartGuard}, which answers 400 when a multipart
 *       body ends without its closing boundary instead of leaving the client waiting.
 * </ul>
 *
 * <p>It is a {@link BodyHandler} itself so Vert.x keeps it first in its route and the metrics'
 * route label stays the plain path.
 */
public final class UploadBodyHandler implements BodyHandler {

  /** What the route uploads. */
  public enum Mode {
    /** One raw file as the body. */
    RAW,
    /** A multipart/form-data body with file parts. */
    MULTIPART
  }

  private final BodyHandler delegate;
  private final Mode mode;

  public UploadBodyHandler(BodyHandler delegate, Mode mode) {
    this.delegate = delegate;
    this.mode = mode;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (mode == Mode.RAW) {
      var headers = ctx.request().headers();
      String declared = headers.get("Content-Type");
      if (declared != null) {
        String lower = declared.toLowerCase();
        if (lower.startsWith("application/x-www-form-urlencoded")
            || lower.startsWith("multipart/")) {
          headers.set("X-Declared-Content-Type", declared);
          headers.set("Content-Type", "application/octet-stream");
        }
      }
    } else {
      MultipartGuard.arm(ctx);
    }
    delegate.handle(ctx);
  }

  @Override
  public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
    delegate.setHandleFileUploads(handleFileUploads);
    return this;
  }

  @Override
  public BodyHandler setBodyLimit(long bodyLimit) {
    delegate.setBodyLimit(bodyLimit);
    return this;
  }

  @Override
  public BodyHandler setUploadsDirectory(String uploadsDirectory) {
    delegate.setUploadsDirectory(uploadsDirectory);
    return this;
  }

  @Override
  public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
    delegate.setMergeFormAttributes(mergeFormAttributes);
    return this;
  }

  @Override
  public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
    delegate.setDeleteUploadedFilesOnEnd(deleteUploadedFilesOnEnd);
    return this;
  }

  @Override
  public BodyHandler setPreallocateBodyBuffer(boolean isPreallocateBodyBuffer) {
    delegate.setPreallocateBodyBuffer(isPreallocateBodyBuffer);
    return this;
  }
}
