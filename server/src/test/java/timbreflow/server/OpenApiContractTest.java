package timbreflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served contract documents every route the router has, and nothing it lacks. */
@ExtendWith(VertxExtension.class)
class OpenApiContractTest {

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      HttpResponse<Buffer> r = server.client.get("/openapi.yaml").send().await();
      assertEquals(200, r.statusCode());
      JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(r.body().getBytes());
      assertTrue(spec.get("openapi").asText().startsWith("3."));
      Set<String> documented = new TreeSet<>();
      for (var path : spec.get("paths").properties()) {
        for (var method : path.getValue().properties()) {
          documented.add(method.getKey().toUpperCase() + " " + path.getKey());
        }
      }
      Set<String> routed = new TreeSet<>();
      for (String route : server.running.verticle().routes()) {
        routed.add(route.equals("GET /*") ? "GET /" : route);
      }
      List<String> undocumented = new ArrayList<>(routed);
      undocumented.removeAll(documented);
      List<String> missing = new ArrayList<>(documented);
      missing.removeAll(routed);
      assertTrue(undocumented.isEmpty(), "routes missing from openapi.yaml: " + undocumented);
      assertTrue(missing.isEmpty(), "documented but not routed: " + missing);
    }
  }
}
