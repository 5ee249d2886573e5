package com.example.connect;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the Subscription that feeds this app (post-deploy) and deletes it (pre-undeploy). Both
 * are idempotent: deploying twice updates the Subscription in place, undeploying when it is
 * already gone does nothing.
 */
public final class SubscriptionRegistration {
  public static final String SUBSCRIPTION_KEY = "{{name}}-subscription";

  static final List<Map<String, Object>> MESSAGES =
      List.of(Map.of("resourceTypeId", "order", "types", List.of("OrderCreated")));

  private static final Gson GSON = new Gson();

  private SubscriptionRegistration() {}

  /**
   * The destination Connect names: CONNECT_SUBSCRIPTION_DESTINATION (GoogleCloudPubSub or SNS);
   * older runtimes only set CONNECT_PROVIDER (GCP or AWS).
   */
  public static Map<String, Object> destination(Env env) {
    String named = env.value("CONNECT_SUBSCRIPTION_DESTINATION");
    String provider = env.value("CONNECT_PROVIDER");
    String type = named != null ? named : "AWS".equals(provider) ? "SNS" : "GCP".equals(provider) ? "GoogleCloudPubSub" : null;
    Map<String, Object> destination = new LinkedHashMap<>();
    if ("GoogleCloudPubSub".equals(type)) {
      destination.put("type", type);
      destination.put("projectId", env.string("CONNECT_GCP_PROJECT_ID"));
      destination.put("topic", env.string("CONNECT_GCP_TOPIC_NAME"));
    } else if ("SNS".equals(type)) {
      destination.put("type", type);
      destination.put("topicArn", env.string("CONNECT_AWS_TOPIC_ARN"));
      destination.put("authenticationMode", "IAM");
    } else {
      // Reported by env.check(), with the other problems.
      env.string(named != null ? "CONNECT_SUBSCRIPTION_DESTINATION (GoogleCloudPubSub or SNS)" : "CONNECT_SUBSCRIPTION_DESTINATION");
    }
    return destination;
  }

  /** Creates the Subscription, or points the existing one at `destination`; true when created. */
  public static boolean createOrUpdate(CommercetoolsClient client, Map<String, Object> destination)
      throws IOException, InterruptedException {
    JsonObject existing = client.get("/subscriptions/key=" + SUBSCRIPTION_KEY);
    if (existing == null) {
      client.post("/subscriptions", GSON.toJsonTree(Map.of("key", SUBSCRIPTION_KEY, "destination", destination, "messages", MESSAGES)));
      return true;
    }
    client.post("/subscriptions/key=" + SUBSCRIPTION_KEY, GSON.toJsonTree(Map.of(
        "version", existing.get("version").getAsLong(),
        "actions", List.of(
            Map.of("action", "changeDestination", "destination", destination),
            Map.of("action", "setMessages", "messages", MESSAGES)))));
    return false;
  }

  /** Deletes the Subscription; false when there was none. */
  public static boolean delete(CommercetoolsClient client) throws IOException, InterruptedException {
    JsonObject existing = client.get("/subscriptions/key=" + SUBSCRIPTION_KEY);
    if (existing == null) return false;
    client.delete("/subscriptions/key=" + SUBSCRIPTION_KEY + "?version=" + existing.get("version").getAsLong());
    return true;
  }
}
