package com.example.connect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example business rule: cart validation. It rejects carts with too many units of one line
 * item and normalises the customer's email. Pure functions, so they are easy to test.
 */
public final class Extension {
  private Extension() {}

  /** Update actions to apply, or errors that make the client's call fail. */
  public record Result(List<Map<String, Object>> actions, List<Map<String, Object>> errors) {}

  public static Result validateCart(JsonObject cart, int maxQuantity) {
    List<Map<String, Object>> errors = new ArrayList<>();
    if (cart != null && cart.has("lineItems") && cart.get("lineItems").isJsonArray()) {
      for (JsonElement element : cart.getAsJsonArray("lineItems")) {
        JsonObject lineItem = element.getAsJsonObject();
        long quantity = lineItem.has("quantity") ? lineItem.get("quantity").getAsLong() : 0;
        if (quantity > maxQuantity) {
          String id = lineItem.has("id") ? lineItem.get("id").getAsString() : "";
          errors.add(Map.of(
              "code", "InvalidInput",
              "message", "At most " + maxQuantity + " units of one product per order (line item " + id + " has " + quantity + ").",
              "localizedMessage", Map.of("en", "You can order at most " + maxQuantity + " units of one product."),
              "extensionExtraInfo", Map.of("lineItemId", id, "maxQuantity", maxQuantity)));
        }
      }
    }
    if (!errors.isEmpty()) return new Result(List.of(), errors);
    List<Map<String, Object>> actions = new ArrayList<>();
    String email = cart != null && cart.has("customerEmail") && !cart.get("customerEmail").isJsonNull()
        ? cart.get("customerEmail").getAsString()
        : null;
    if (email != null && !email.equals(email.toLowerCase())) {
      actions.add(Map.of("action", "setCustomerEmail", "email", email.toLowerCase()));
    }
    return new Result(actions, errors);
  }
}
