package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Brickyard's Unity Catalog REST API as the driver reaches it: the API's URL and the pod's
 * service account token (projected by the operator for the audience `brickyard-api`, and renewed
 * in its file, so it is read for every call). On a SQL warehouse, the API opens each Spark session
 * with a credential naming the statement's caller (COMPUTE_CALLER_SETTING); every call sends it
 * too, so the API decides with that caller's grants rather than the warehouse creator's.
 */
final class UnityCatalogClient {
  static final String API_URL_VARIABLE = "BRICKYARD_API_URL";
  static final String TOKEN_FILE_VARIABLE = "BRICKYARD_API_TOKEN_FILE";
  /** The Spark session setting the API sets the caller's credential in (compute-callers.ts). */
  static final String COMPUTE_CALLER_SETTING = "spark.brickyard.computeCaller.token";
  static final String COMPUTE_CALLER_HEADER = "X-Brickyard-Compute-Caller";
  private static final String PREFIX = "/api/2.1/unity-catalog";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  // HTTP/1.1: Java's client would otherwise offer an h2c upgrade on every plain-HTTP request.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private final String baseUrl;
  private final Path tokenFile;
  /** The session's caller credential, or null (a cluster's Spark, which acts as its creator). */
  private final String computeCaller;

  UnityCatalogClient(String baseUrl, Path tokenFile, String computeCaller) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.tokenFile = tokenFile;
    this.computeCaller = computeCaller == null || computeCaller.isEmpty() ? null : computeCaller;
  }

  /** The client of a session that has `computeCaller` (null for none) as its caller credential. */
  static UnityCatalogClient fromEnvironment(String computeCaller) {
    String url = System.getenv(API_URL_VARIABLE);
    String tokenFile = System.getenv(TOKEN_FILE_VARIABLE);
    if (url == null || url.isEmpty() || tokenFile == null || tokenFile.isEmpty()) {
      throw new IllegalStateException(
          "Unity Catalog is unreachable from this JVM: "
              + API_URL_VARIABLE
              + " and "
              + TOKEN_FILE_VARIABLE
              + " are not set (only a cluster's driver has them)");
    }
    return new UnityCatalogClient(url, Path.of(tokenFile), computeCaller);
  }

  /** A path segment: a full name such as `main.sales.orders`, encoded. */
  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path, Map<String, String> query) {
    return send("GET", PREFIX + path + queryString(query), null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", PREFIX + path, body);
  }

  JsonNode patch(String path, Object body) {
    return send("PATCH", PREFIX + path, body);
  }

  void delete(String path, Map<String, String> query) {
    send("DELETE", PREFIX + path + queryString(query), null);
  }

  /** Every item of a paged list: the API ends a list with a page that has no next_page_token. */
  List<JsonNode> list(String path, Map<String, String> query, String key) {
    return listAt(PREFIX + path, query, key);
  }

  /** Every item of a paged list of another API of Brickyard's than Unity Catalog's, by its path. */
  List<JsonNode> listAt(String apiPath, Map<String, String> query, String key) {
    List<JsonNode> items = new ArrayList<>();
    Map<String, String> pageQuery = new LinkedHashMap<>(query);
    while (true) {
      JsonNode page = send("GET", apiPath + queryString(pageQuery), null);
      page.path(key).forEach(items::add);
      String next = page.path("next_page_token").asText("");
      if (next.isEmpty()) return items;
      pageQuery.put("page_token", next);
    }
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) return "";
    StringJoiner joined = new StringJoiner("&", "?", "");
    query.forEach((key, value) -> joined.add(key + "=" + segment(value)));
    return joined.toString();
  }

  /**
   * One call. A GET that fails on the connection is sent once more: a pooled connection the API
   * closed meanwhile fails that way, and reading twice does no harm.
   */
  private JsonNode send(String method, String path, Object body) {
    try {
      return sendOnce(method, path, body);
    } catch (UncheckedIOException e) {
      if (!method.equals("GET")) throw e;
      return sendOnce(method, path, body);
    }
  }

  private JsonNode sendOnce(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + Files.readString(tokenFile).trim())
              .header("User-Agent", "brickyard-spark-catalog")
              .method(method, publisher);
      if (body != null) request.header("Content-Type", "application/json");
      if (computeCaller != null) request.header(COMPUTE_CALLER_HEADER, computeCaller);
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer =
          response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
      if (response.statusCode() >= 300) {
        throw new ApiException(
            response.statusCode(),
            answer.path("error_code").asText("UNKNOWN"),
            answer.path("message").asText(method + " " + path + " answered " + response.statusCode()));
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("Brickyard API " + method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the Unity Catalog API", e);
    }
  }
}
