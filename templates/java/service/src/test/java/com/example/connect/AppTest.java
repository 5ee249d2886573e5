package com.example.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app over real HTTP on a free port, as commercetools calls it. */
class AppTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = App.create(0, new App.Config(0, 10));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + App.ENDPOINT))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String cart(int quantity, String email) {
    return "{\"action\":\"Create\",\"resource\":{\"typeId\":\"cart\",\"id\":\"c1\",\"obj\":{\"customerEmail\":\""
        + email + "\",\"lineItems\":[{\"id\":\"li-1\",\"quantity\":" + quantity + "}]}}}";
  }

  @Test
  void answersUpdateActionsForAValidCart() throws Exception {
    HttpResponse<String> response = post(cart(2, "Buyer@Example.com"));
    assertEquals(200, response.statusCode());
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    JsonObject action = body.getAsJsonArray("actions").get(0).getAsJsonObject();
    assertEquals("setCustomerEmail", action.get("action").getAsString());
    assertEquals("buyer@example.com", action.get("email").getAsString());
  }

  @Test
  void rejectsTooManyUnitsWithTheErrorShapeOfTheApi() throws Exception {
    HttpResponse<String> response = post(cart(11, "buyer@example.com"));
    assertEquals(400, response.statusCode());
    JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("errors").get(0).getAsJsonObject();
    assertEquals("InvalidInput", error.get("code").getAsString());
    assertEquals("li-1", error.getAsJsonObject("extensionExtraInfo").get("lineItemId").getAsString());
  }

  @Test
  void leavesOtherResourcesAlone() throws Exception {
    HttpResponse<String> response = post("{\"action\":\"Create\",\"resource\":{\"typeId\":\"order\",\"id\":\"o1\",\"obj\":{}}}");
    assertEquals(200, response.statusCode());
    assertEquals("{\"actions\":[]}", response.body());
  }

  @Test
  void refusesARequestThatIsNotAnExtensionCall() throws Exception {
    assertEquals(400, post("not json").statusCode());
    assertEquals(400, post("{\"hello\":1}").statusCode());
  }

  @Test
  void readsItsConfigurationAndReportsEveryProblem() {
    assertEquals(new App.Config(9000, 3), App.Config.load(Map.of("PORT", "9000", "MAX_QUANTITY_PER_LINE_ITEM", "3")));
    Env.ConfigurationError error = assertThrows(
        Env.ConfigurationError.class, () -> App.Config.load(Map.of("PORT", "x", "MAX_QUANTITY_PER_LINE_ITEM", "0")));
    assertTrue(error.getMessage().contains("PORT \"x\""));
    assertTrue(error.getMessage().contains("MAX_QUANTITY_PER_LINE_ITEM \"0\""));
  }
}
