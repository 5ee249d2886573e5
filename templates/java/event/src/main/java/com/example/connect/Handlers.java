package com.example.connect;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * One handler per message type. Add yours here and to the Subscription's messages in
 * SubscriptionRegistration. A handler throws PermanentException for a message it can never
 * process (answered 4xx) and any other exception for a temporary failure (answered 5xx, retried).
 */
public final class Handlers {
  /** Handles one notification. */
  @FunctionalInterface
  public interface Handler {
    void handle(JsonObject notification) throws Exception;
  }

  private final Map<String, Handler> byType = new HashMap<>();

  public Handlers on(String type, Handler handler) {
    byType.put(type, handler);
    return this;
  }

  public Handler forType(String type) {
    return byType.get(type);
  }

  public static Handlers defaults() {
    return new Handlers().on("OrderCreated", Handlers::orderCreated);
  }

  static void orderCreated(JsonObject notification) throws Messages.PermanentException {
    JsonObject order = notification.has("order") ? notification.getAsJsonObject("order") : null;
    JsonObject total = order != null && order.has("totalPrice") ? order.getAsJsonObject("totalPrice") : null;
    if (total == null || !total.has("centAmount")) {
      throw new Messages.PermanentException("OrderCreated message without an order total");
    }
    int digits = total.has("fractionDigits") ? total.get("fractionDigits").getAsInt() : 2;
    BigDecimal amount = BigDecimal.valueOf(total.get("centAmount").getAsLong(), digits);
    String number = order.has("orderNumber") ? order.get("orderNumber").getAsString() : order.get("id").getAsString();
    int lineItems = order.has("lineItems") ? order.getAsJsonArray("lineItems").size() : 0;
    System.out.println("Order " + number + " created: " + amount.toPlainString() + " "
        + total.get("currencyCode").getAsString() + ", " + lineItems + " line item(s)");
  }
}
