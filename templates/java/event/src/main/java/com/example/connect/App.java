package com.example.connect;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.Map;

/**
 * The HTTP app. Connect delivers each message of the Subscription as a Google Pub/Sub push: a
 * POST whose body wraps the notification, base64-encoded, in message.data. The status code is
 * the answer to the platform's retry rules:
 * - 2xx acknowledges the message (also one this app does not care about);
 * - 4xx says the payload can never be processed. Pub/Sub still redelivers it, so set a
 *   retryPolicy with maxAttempts in connect.yaml to stop after a few attempts;
 * - 5xx is a temporary failure (a timeout, an unavailable API): redelivered later.
 */
public final class App {
  /** The path Connect calls (connect.yaml `endpoint`). */
  public static final String ENDPOINT = "{{endpoint}}";

  private App() {}

  public static HttpServer create(int port, Handlers handlers) throws IOException {
    HttpServer server = Http.server(port);
    server.createContext("/", exchange -> handle(exchange, handlers));
    return server;
  }

  static void handle(HttpExchange exchange, Handlers handlers) throws IOException {
    if (Http.is(exchange, "GET", "/health")) {
      Http.json(exchange, 200, Map.of("status", "ok"));
      return;
    }
    if (!Http.is(exchange, "POST", ENDPOINT)) {
      Http.json(exchange, 404, Map.of("error", "no such route"));
      return;
    }
    JsonObject notification;
    try {
      notification = Messages.decodePushMessage(Http.body(exchange));
    } catch (Messages.PermanentException error) {
      System.err.println("Rejected a request that is not a Pub/Sub push: " + error.getMessage());
      Http.json(exchange, 400, Map.of("error", error.getMessage()));
      return;
    }
    String notificationType = notification.get("notificationType").getAsString();
    String typeId = notification.getAsJsonObject("resource").get("typeId").getAsString();
    if (notificationType.equals("ResourceCreated") && typeId.equals("subscription")) {
      // Sent once when the Subscription is created, to check the destination.
      Http.empty(exchange, 204);
      return;
    }
    String type = notificationType.equals("Message") && notification.has("type")
        ? notification.get("type").getAsString()
        : notificationType;
    Handlers.Handler handler = handlers.forType(type);
    if (handler == null) {
      Http.empty(exchange, 204);
      return;
    }
    String id = notification.getAsJsonObject("resource").get("id").getAsString();
    try {
      handler.handle(notification);
      Http.empty(exchange, 204);
    } catch (Messages.PermanentException error) {
      System.err.println("Cannot process " + type + " " + id + ": " + error.getMessage());
      Http.json(exchange, 422, Map.of("error", error.getMessage()));
    } catch (Exception error) {
      System.err.println("Failed " + type + " " + id + ", will be retried: " + error.getMessage());
      Http.json(exchange, 500, Map.of("error", "temporary failure, retry later"));
    }
  }

  /** Entry point (`java -jar`): checks the configuration, then listens on PORT. */
  public static void main(String[] args) throws IOException {
    Env env = new Env(System.getenv());
    int port = env.port();
    try {
      env.check();
    } catch (Env.ConfigurationError error) {
      System.err.println(error.getMessage());
      System.exit(1);
    }
    HttpServer server = create(port, Handlers.defaults());
    server.start();
    System.out.println("{{name}}: listening on port " + port + ", message endpoint POST " + ENDPOINT);
    // Cloud Run (and `connect dev`) stop the app with SIGTERM: finish the deliveries in flight.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
  }
}
