package com.example.connect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The HTTP app. commercetools calls the endpoint as an API Extension: a POST with
 * {action, resource: {typeId, id, obj}} before it persists a create or update. Answering 200
 * with {actions} applies those update actions; 400 with {errors} makes the client's call fail
 * with them. Anything else is an ExtensionBadResponse, so every path answers one of those two.
 */
public final class App {
  /** The path Connect calls (connect.yaml `endpoint`). */
  public static final String ENDPOINT = "{{endpoint}}";

  /** The app's configuration, read once at start-up: every problem is reported at once. */
  public record Config(int port, int maxQuantityPerLineItem) {
    public static Config load(Map<String, String> variables) {
      Env env = new Env(variables);
      Config config = new Config(env.port(), env.integer("MAX_QUANTITY_PER_LINE_ITEM", 10, 1, Integer.MAX_VALUE));
      env.check();
      return config;
    }
  }

  private App() {}

  public static HttpServer create(int port, Config config) throws IOException {
    HttpServer server = Http.server(port);
    server.createContext("/", exchange -> handle(exchange, config));
    return server;
  }

  static void handle(HttpExchange exchange, Config config) throws IOException {
    try {
      if (Http.is(exchange, "GET", "/health")) {
        Http.json(exchange, 200, Map.of("status", "ok"));
        return;
      }
      if (!Http.is(exchange, "POST", ENDPOINT)) {
        Http.json(exchange, 404, Map.of("errors", List.of(Map.of("code", "NotFound", "message", "No such route."))));
        return;
      }
      JsonElement body = Http.body(exchange);
      JsonObject input = body != null && body.isJsonObject() ? body.getAsJsonObject() : null;
      JsonObject resource = input != null && input.has("resource") && input.get("resource").isJsonObject()
          ? input.getAsJsonObject("resource")
          : null;
      if (input == null || !input.has("action") || resource == null || !resource.has("typeId")) {
        Http.json(exchange, 400, Map.of("errors", List.of(Map.of("code", "InvalidInput", "message", "The request is not an API Extension call."))));
        return;
      }
      if (!resource.get("typeId").getAsString().equals("cart")) {
        // An extension registered for other resources too: nothing to change.
        Http.json(exchange, 200, Map.of("actions", List.of()));
        return;
      }
      Extension.Result result = Extension.validateCart(resource.getAsJsonObject("obj"), config.maxQuantityPerLineItem());
      if (!result.errors().isEmpty()) {
        Http.json(exchange, 400, Map.of("errors", result.errors()));
        return;
      }
      Http.json(exchange, 200, Map.of("actions", result.actions()));
    } catch (RuntimeException error) {
      Http.json(exchange, 500, Map.of("errors", List.of(Map.of("code", "General", "message", String.valueOf(error.getMessage())))));
    }
  }

  /** Entry point (`java -jar`): checks the configuration, then listens on PORT. */
  public static void main(String[] args) throws IOException {
    Config config;
    try {
      config = Config.load(System.getenv());
    } catch (Env.ConfigurationError error) {
      System.err.println(error.getMessage());
      System.exit(1);
      return;
    }
    HttpServer server = create(config.port(), config);
    server.start();
    System.out.println("{{name}}: listening on port " + config.port() + ", extension endpoint POST " + ENDPOINT);
    // Cloud Run (and `connect dev`) stop the app with SIGTERM: finish the calls in flight.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
  }
}
