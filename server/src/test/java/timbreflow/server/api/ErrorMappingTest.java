package timbreflow.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

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
    assertFalse(ErrorMapping.isServerFault(ApiError.overloaded(4)));
  }
}
