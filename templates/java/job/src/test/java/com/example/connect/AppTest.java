package com.example.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The job over real HTTP, against a local stand-in of the commercetools API. */
class AppTest {
  private static HttpResponse<String> run(String url) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void countsTheOrdersOfTheLastDayOnEachScheduledCall() throws Exception {
    try (FakeCommercetools api = new FakeCommercetools()) {
      api.total = 7;
      HttpServer server = App.create(0, new CommercetoolsClient(api.config()));
      server.start();
      try {
        HttpResponse<String> response = run("http://127.0.0.1:" + server.getAddress().getPort() + App.ENDPOINT);
        assertEquals(200, response.statusCode());
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals(7, body.get("ordersCreated").getAsInt());
        String query = URLDecoder.decode(api.requests.get(api.requests.size() - 1), StandardCharsets.UTF_8);
        assertTrue(query.startsWith("GET /test-project/orders?where=createdAt >= \""), query);
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void answers500WhenTheApiFails() throws Exception {
    FakeCommercetools api = new FakeCommercetools();
    Env.Commercetools config = api.config();
    api.close();
    HttpServer server = App.create(0, new CommercetoolsClient(config));
    server.start();
    try {
      assertEquals(500, run("http://127.0.0.1:" + server.getAddress().getPort() + App.ENDPOINT).statusCode());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void asksForTheLast24Hours() throws Exception {
    try (FakeCommercetools api = new FakeCommercetools()) {
      Task.Result result = Task.countRecentOrders(new CommercetoolsClient(api.config()), Instant.parse("2026-01-02T00:00:00Z"));
      assertEquals("2026-01-01T00:00:00Z", result.since());
    }
  }
}
