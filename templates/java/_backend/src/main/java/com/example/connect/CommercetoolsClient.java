package com.example.connect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small commercetools API client on the JDK's HttpClient: the OAuth client credentials flow
 * and JSON requests on the project. Its URLs come from the configuration (CTP_API_URL and
 * CTP_AUTH_URL, else derived from CTP_REGION), so the same code runs against the real platform
 * and against `connect dev`'s local one. For a typed client, see the README (commercetools SDK).
 */
public final class CommercetoolsClient {
  private final Env.Commercetools config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String token;

  public CommercetoolsClient(Env.Commercetools config) {
    this.config = config;
  }

  /** A failed API call, with the HTTP status the API answered. */
  public static final class ApiException extends IOException {
    public final int statusCode;

    public ApiException(int statusCode, String message) {
      super(message);
      this.statusCode = statusCode;
    }
  }

  private String token() throws IOException, InterruptedException {
    if (token != null) return token;
    String credentials = Base64.getEncoder()
        .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
    String form = "grant_type=client_credentials"
        + (config.scopes().isEmpty()
            ? ""
            : "&scope=" + URLEncoder.encode(String.join(" ", config.scopes()), StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.authUrl() + "/oauth/token"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new ApiException(response.statusCode(), "getting a token failed: " + response.statusCode() + " " + response.body());
    }
    token = JsonParser.parseString(response.body()).getAsJsonObject().get("access_token").getAsString();
    return token;
  }

  /** GET /{projectKey}{path}; null when the resource does not exist (404). */
  public JsonObject get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, true);
  }

  /** POST /{projectKey}{path} with a JSON body. */
  public JsonObject post(String path, JsonElement body) throws IOException, InterruptedException {
    return send("POST", path, body, false);
  }

  /** DELETE /{projectKey}{path}. */
  public JsonObject delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null, false);
  }

  private JsonObject send(String method, String path, JsonElement body, boolean nullOnNotFound)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.apiUrl() + "/" + config.projectKey() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token())
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404 && nullOnNotFound) return null;
    if (response.statusCode() >= 300) {
      throw new ApiException(response.statusCode(), method + " " + path + " failed: " + response.statusCode() + " " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  /** A query argument, URL-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
