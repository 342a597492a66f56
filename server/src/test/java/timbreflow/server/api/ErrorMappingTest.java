package timbreflow.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.server.work.WorkRejectedException;

class ErrorMappingTest {

  private static int status(Reason reason) {
    return ErrorMapping.map(new TimbreflowException(reason, "m")).status();
  }

  @Test
  void everyRuntimeReasonHasAStatus() {
    assertEquals(400, status(Reason.MALFORMED_AUDIO));
    assertEquals(415, status(Reason.UNSUPPORTED_AUDIO));
    assertEquals(400, status(Reason.INVALID_TENSOR));
    assertEquals(400, status(Reason.INVALID_ARGUMENT));
    assertEquals(503, status(Reason.CANCELLED));
    assertEquals(500, status(Reason.INVALID_MODEL));
    assertEquals(500, status(Reason.IO));
  }

  @Test
  void domainMessagesPassThroughButUnexpectedOnesDoNot() {
    ApiError kept =
        ErrorMapping.map(
            new CompletionException(
                new TimbreflowException(Reason.INVALID_TENSOR, "z: expected finite, found NaN")));
    assertEquals("z: expected finite, found NaN", kept.getMessage());
    ApiError hidden = ErrorMapping.map(new NullPointerException("secret internals"));
    assertEquals(500, hidden.status());
    assertFalse(hidden.getMessage().contains("secret"));
    assertTrue(ErrorMapping.isServerFault(hidden));
    assertFalse(
        ErrorMapping.isServerFault(new ApiError(ApiError.Reason.OVERLOADED, "queue of 4 full")));
  }

  @Test
  void everyReasonHasOneStatusAndItsNameAsCode() {
    for (ApiError.Reason reason : ApiError.Reason.values()) {
      ApiError error = new ApiError(reason, "m");
      assertTrue(error.status() >= 400 && error.status() < 600, reason + " -> " + error.status());
      if (reason != ApiError.Reason.FRAMEWORK) {
        assertEquals(reason.name().toLowerCase(Locale.ROOT), error.code());
      }
    }
    assertEquals(503, new ApiError(ApiError.Reason.OVERLOADED, "m").status());
    assertEquals(504, ApiError.deadline(10).status());
    assertEquals(499, new ApiError(ApiError.Reason.CLIENT_CLOSED, "m").status());
    ApiError full = ErrorMapping.map(WorkRejectedException.queueFull(4));
    assertEquals(503, full.status());
    assertEquals("overloaded", full.code());
    assertEquals("shutting_down", ErrorMapping.map(WorkRejectedException.shuttingDown()).code());
    ApiError teapot = ApiError.framework(418);
    assertEquals(418, teapot.status());
    assertEquals("http_418", teapot.code());
  }
}
