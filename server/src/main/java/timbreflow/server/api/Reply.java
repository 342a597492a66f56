package timbreflow.server.api;

import java.util.Map;

/**
 * A finished response body made on a worker: bytes, their media type and extra headers.
 *
 * @param contentType media type of {@code body}
 * @param body the bytes to send
 * @param headers extra response headers, in order
 */
public record Reply(String contentType, byte[] body, Map<String, String> headers) {

  /** A reply without extra headers. */
  public static Reply of(String contentType, byte[] body) {
    return new Reply(contentType, body, Map.of());
  }
}
