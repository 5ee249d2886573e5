package com.example.connect;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small stand-in for the commercetools API on 127.0.0.1: the OAuth client credentials flow,
 * and query, create, and get/update/delete by key for every collection. Enough to test the
 * connector's code without a real project; its config() points the client at it.
 */
public final class FakeCommercetools implements AutoCloseable {
  public static final String PROJECT_KEY = "test-project";

  /** Stored resources: collection -> key -> resource. */
  public final Map<String, Map<String, JsonObject>> resources = new LinkedHashMap<>();
  /** Every request: "METHOD /path?query". */
  public final List<String> requests = new ArrayList<>();
  /** What GET /{collection} answers as `total` when nothing is stored there (e.g. orders). */
  public int total = 0;

  private final HttpServer server;

  public FakeCommercetools() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public Env.Commercetools config() {
    return new Env.Commercetools(PROJECT_KEY, "client-id", "client-secret", List.of(), url(), url());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    requests.add(method + " " + path + (query == null ? "" : "?" + query));
    JsonElement body = Http.body(exchange);
    if (path.equals("/oauth/token")) {
      JsonObject token = new JsonObject();
      token.addProperty("access_token", "test-token");
      token.addProperty("token_type", "Bearer");
      token.addProperty("expires_in", 172800);
      Http.json(exchange, 200, token);
      return;
    }
    if (!"Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      Http.json(exchange, 401, error(401, "invalid_token"));
      return;
    }
    String[] parts = path.split("/");
    if (parts.length < 3 || !parts[1].equals(PROJECT_KEY)) {
      Http.json(exchange, 404, error(404, "ResourceNotFound"));
      return;
    }
    Map<String, JsonObject> collection = resources.computeIfAbsent(parts[2], name -> new LinkedHashMap<>());
    if (parts.length == 3 && method.equals("GET")) {
      JsonObject page = new JsonObject();
      JsonArray results = new JsonArray();
      collection.values().forEach(results::add);
      page.add("results", results);
      page.addProperty("count", collection.size());
      page.addProperty("total", collection.isEmpty() ? total : collection.size());
      Http.json(exchange, 200, page);
      return;
    }
    if (parts.length == 3 && method.equals("POST") && body != null) {
      JsonObject draft = body.getAsJsonObject();
      String key = draft.get("key").getAsString();
      if (collection.containsKey(key)) {
        Http.json(exchange, 400, error(400, "DuplicateField"));
        return;
      }
      JsonObject created = draft.deepCopy();
      created.addProperty("id", UUID.randomUUID().toString());
      created.addProperty("version", 1);
      collection.put(key, created);
      Http.json(exchange, 201, created);
      return;
    }
    String key = parts.length == 4 && parts[3].startsWith("key=") ? parts[3].substring(4) : null;
    JsonObject existing = key == null ? null : collection.get(key);
    if (existing == null) {
      Http.json(exchange, 404, error(404, "ResourceNotFound"));
      return;
    }
    switch (method) {
      case "GET" -> Http.json(exchange, 200, existing);
      case "POST" -> {
        JsonObject update = body == null ? new JsonObject() : body.getAsJsonObject();
        if (update.get("version").getAsInt() != existing.get("version").getAsInt()) {
          Http.json(exchange, 409, error(409, "ConcurrentModification"));
          return;
        }
        existing.addProperty("version", existing.get("version").getAsInt() + 1);
        existing.add("lastActions", update.get("actions"));
        Http.json(exchange, 200, existing);
      }
      case "DELETE" -> {
        collection.remove(key);
        Http.json(exchange, 200, existing);
      }
      default -> Http.json(exchange, 405, error(405, "MethodNotAllowed"));
    }
  }

  private static JsonObject error(int status, String code) {
    JsonObject error = new JsonObject();
    error.addProperty("statusCode", status);
    error.addProperty("message", code);
    JsonArray errors = new JsonArray();
    JsonObject one = new JsonObject();
    one.addProperty("code", code);
    one.addProperty("message", code);
    errors.add(one);
    error.add("errors", errors);
    return error;
  }
}
