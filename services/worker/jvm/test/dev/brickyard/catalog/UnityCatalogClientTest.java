package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client sends: the pod's token always, and the session's caller credential when it has one. */
class UnityCatalogClientTest {
  private HttpServer server;
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  @TempDir Path dir;
  private Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          var headers = exchange.getRequestHeaders();
          String caller = headers.getFirst(UnityCatalogClient.COMPUTE_CALLER_HEADER);
          received.add(
              caller == null
                  ? Map.of("authorization", headers.getFirst("Authorization"))
                  : Map.of("authorization", headers.getFirst("Authorization"), "caller", caller));
          byte[] body = "{\"catalogs\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "pod-token\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private UnityCatalogClient client(String computeCaller) {
    return new UnityCatalogClient(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/", tokenFile, computeCaller);
  }

  @Test
  void aWarehouseSessionNamesItsCallerOnEveryCall() {
    UnityCatalogClient api = client("dbcc0123");
    api.get("/catalogs", Map.of());
    api.post("/schemas", Map.of("name", "s"));
    assertEquals(
        List.of(
            Map.of("authorization", "Bearer pod-token", "caller", "dbcc0123"),
            Map.of("authorization", "Bearer pod-token", "caller", "dbcc0123")),
        received);
  }

  @Test
  void aClusterSessionSendsThePodTokenAlone() {
    client(null).get("/catalogs", Map.of());
    client("").get("/catalogs", Map.of());
    assertEquals(2, received.size());
    for (Map<String, String> call : received) {
      assertEquals("Bearer pod-token", call.get("authorization"));
      assertNull(call.get("caller"));
    }
  }
}
