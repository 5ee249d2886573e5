package com.example.connect;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The job's work, run on every scheduled call: an example that counts the orders created in the
 * last 24 hours. Replace it with yours (exports, clean-ups, syncs...).
 */
public final class Task {
  private Task() {}

  public record Result(String since, long ordersCreated) {}

  public static Result countRecentOrders(CommercetoolsClient client, Instant now) throws IOException, InterruptedException {
    String since = now.minus(Duration.ofHours(24)).toString();
    JsonObject page = client.get("/orders?where=" + CommercetoolsClient.encode("createdAt >= \"" + since + "\"")
        + "&limit=1&withTotal=true");
    long total = page != null && page.has("total") ? page.get("total").getAsLong() : 0;
    return new Result(since, total);
  }
}
