package com.example.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.Map;

/**
 * The HTTP app. Connect's scheduler POSTs to the endpoint on the job's schedule (in UTC); the
 * run succeeds when the answer is 2xx. Failures are not retried: the next run comes at the next
 * scheduled time. A run may take up to 30 minutes.
 */
public final class App {
  /** The path Connect calls (connect.yaml `endpoint`). */
  public static final String ENDPOINT = "{{endpoint}}";

  private App() {}

  public static HttpServer create(int port, CommercetoolsClient client) throws IOException {
    HttpServer server = Http.server(port);
    server.createContext("/", exchange -> handle(exchange, client));
    return server;
  }

  static void handle(HttpExchange exchange, CommercetoolsClient client) throws IOException {
    if (Http.is(exchange, "GET", "/health")) {
      Http.json(exchange, 200, Map.of("status", "ok"));
      return;
    }
    if (!Http.is(exchange, "POST", ENDPOINT)) {
      Http.json(exchange, 404, Map.of("error", "no such route"));
      return;
    }
    exchange.getRequestBody().readAllBytes();
    long started = System.currentTimeMillis();
    try {
      Task.Result result = Task.countRecentOrders(client, java.time.Instant.now());
      System.out.println("Job done in " + (System.currentTimeMillis() - started) + " ms: "
          + result.ordersCreated() + " order(s) since " + result.since());
      Http.json(exchange, 200, result);
    } catch (Exception error) {
      System.err.println("Job failed: " + error);
      Http.json(exchange, 500, Map.of("error", "the job failed; see the logs"));
    }
  }

  /** Entry point (`java -jar`): checks the configuration, then listens on PORT. */
  public static void main(String[] args) throws IOException {
    Env env = new Env(System.getenv());
    int port = env.port();
    Env.Commercetools commercetools = env.commercetools();
    try {
      env.check();
    } catch (Env.ConfigurationError error) {
      System.err.println(error.getMessage());
      System.exit(1);
    }
    HttpServer server = create(port, new CommercetoolsClient(commercetools));
    server.start();
    System.out.println("{{name}}: listening on port " + port + ", job endpoint POST " + ENDPOINT);
    // Cloud Run (and `connect dev`) stop the app with SIGTERM: let the running job answer.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(30)));
  }
}
