package com.example.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app over real HTTP on a free port, fed Pub/Sub push envelopes as Connect sends them. */
class AppTest {
  private HttpServer server;
  private final List<JsonObject> handled = new ArrayList<>();

  private String start(Handlers handlers) throws Exception {
    server = App.create(0, handlers);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + App.ENDPOINT;
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  private static int post(String url, String body) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonObject orderCreated(String total) {
    return JsonParser.parseString("{\"notificationType\":\"Message\",\"type\":\"OrderCreated\",\"projectKey\":\"p\","
        + "\"resource\":{\"typeId\":\"order\",\"id\":\"o-1\"},\"order\":{\"id\":\"o-1\",\"orderNumber\":\"42\","
        + total + "\"lineItems\":[]}}").getAsJsonObject();
  }

  @Test
  void acknowledgesAHandledMessage() throws Exception {
    String url = start(new Handlers().on("OrderCreated", handled::add));
    JsonObject notification = orderCreated("\"totalPrice\":{\"centAmount\":1234,\"currencyCode\":\"EUR\",\"fractionDigits\":2},");
    assertEquals(204, post(url, Messages.encodePushMessage(notification).toString()));
    assertEquals("42", handled.get(0).getAsJsonObject("order").get("orderNumber").getAsString());
  }

  @Test
  void acknowledgesTheSubscriptionTestMessageAndTypesNobodyHandles() throws Exception {
    String url = start(new Handlers().on("OrderCreated", handled::add));
    JsonObject test = JsonParser.parseString(
        "{\"notificationType\":\"ResourceCreated\",\"projectKey\":\"p\",\"resource\":{\"typeId\":\"subscription\",\"id\":\"s\"}}").getAsJsonObject();
    assertEquals(204, post(url, Messages.encodePushMessage(test).toString()));
    JsonObject other = JsonParser.parseString(
        "{\"notificationType\":\"Message\",\"type\":\"CustomerCreated\",\"resource\":{\"typeId\":\"customer\",\"id\":\"c\"}}").getAsJsonObject();
    assertEquals(204, post(url, Messages.encodePushMessage(other).toString()));
    assertTrue(handled.isEmpty());
  }

  @Test
  void answers4xxForWhatCanNeverWorkAnd5xxForWhatMayLater() throws Exception {
    String url = start(Handlers.defaults().on("OrderEdited", notification -> {
      throw new java.io.IOException("the API is down");
    }));
    assertEquals(400, post(url, "{\"message\":{}}"));
    assertEquals(422, post(url, Messages.encodePushMessage(orderCreated("")).toString()));
    JsonObject edited = JsonParser.parseString(
        "{\"notificationType\":\"Message\",\"type\":\"OrderEdited\",\"resource\":{\"typeId\":\"order\",\"id\":\"o\"}}").getAsJsonObject();
    assertEquals(500, post(url, Messages.encodePushMessage(edited).toString()));
  }
}
