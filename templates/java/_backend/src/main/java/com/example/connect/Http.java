package com.example.connect;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The JDK's HTTP server, with JSON in and out. */
public final class Http {
  private static final Gson GSON = new Gson();

  private Http() {}

  /** A server on all interfaces (Cloud Run routes to it) with a thread per request. */
  public static HttpServer server(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    return server;
  }

  /** The request body as JSON; null when it is not JSON. */
  public static JsonElement body(HttpExchange exchange) throws IOException {
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      JsonElement json = JsonParser.parseString(text);
      return json.isJsonNull() ? null : json;
    } catch (JsonSyntaxException error) {
      return null;
    }
  }

  public static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = (body instanceof JsonElement element ? element.toString() : GSON.toJson(body))
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  public static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** True when the request is METHOD on exactly PATH (the server's contexts match prefixes). */
  public static boolean is(HttpExchange exchange, String method, String path) {
    return exchange.getRequestMethod().equals(method) && exchange.getRequestURI().getPath().equals(path);
  }
}
