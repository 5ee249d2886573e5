package com.example.connect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Decoding of the Pub/Sub push envelope and the commercetools notification inside it. */
public final class Messages {
  private Messages() {}

  /** A failure that retrying cannot fix: answered with a 4xx status. */
  public static final class PermanentException extends Exception {
    public PermanentException(String message) {
      super(message);
    }
  }

  public static JsonObject decodePushMessage(JsonElement body) throws PermanentException {
    JsonObject message = body != null && body.isJsonObject() && body.getAsJsonObject().has("message")
        && body.getAsJsonObject().get("message").isJsonObject()
        ? body.getAsJsonObject().getAsJsonObject("message")
        : null;
    if (message == null || !message.has("data") || !message.get("data").isJsonPrimitive()) {
      throw new PermanentException("the body has no message.data");
    }
    JsonElement decoded;
    try {
      String json = new String(Base64.getDecoder().decode(message.get("data").getAsString()), StandardCharsets.UTF_8);
      decoded = JsonParser.parseString(json);
    } catch (RuntimeException error) {
      throw new PermanentException("message.data is not base64-encoded JSON");
    }
    if (!decoded.isJsonObject()
        || !decoded.getAsJsonObject().has("notificationType")
        || !decoded.getAsJsonObject().has("resource")
        || !decoded.getAsJsonObject().get("resource").isJsonObject()
        || !decoded.getAsJsonObject().getAsJsonObject("resource").has("typeId")) {
      throw new PermanentException("message.data is not a commercetools notification");
    }
    return decoded.getAsJsonObject();
  }

  /** Builds the body Pub/Sub would push for a notification (used by the tests). */
  public static JsonObject encodePushMessage(JsonObject notification) {
    JsonObject message = new JsonObject();
    message.addProperty("data", Base64.getEncoder().encodeToString(notification.toString().getBytes(StandardCharsets.UTF_8)));
    message.add("attributes", new JsonObject());
    message.addProperty("messageId", String.valueOf(System.nanoTime()));
    message.addProperty("publishTime", Instant.now().toString());
    JsonObject envelope = new JsonObject();
    envelope.add("message", message);
    envelope.addProperty("subscription", "projects/local/subscriptions/local");
    return envelope;
  }
}
