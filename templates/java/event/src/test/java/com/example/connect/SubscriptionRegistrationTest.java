package com.example.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Post-deploy and pre-undeploy against a local stand-in of the commercetools API. */
class SubscriptionRegistrationTest {
  @Test
  void createsThenUpdatesThenDeletesTheSubscription() throws Exception {
    Env env = new Env(Map.of(
        "CONNECT_SUBSCRIPTION_DESTINATION", "GoogleCloudPubSub",
        "CONNECT_GCP_PROJECT_ID", "gcp-project",
        "CONNECT_GCP_TOPIC_NAME", "topic"));
    Map<String, Object> destination = SubscriptionRegistration.destination(env);
    env.check();
    try (FakeCommercetools api = new FakeCommercetools()) {
      CommercetoolsClient client = new CommercetoolsClient(api.config());
      assertTrue(SubscriptionRegistration.createOrUpdate(client, destination));
      JsonObject created = api.resources.get("subscriptions").get(SubscriptionRegistration.SUBSCRIPTION_KEY);
      assertEquals("topic", created.getAsJsonObject("destination").get("topic").getAsString());
      assertEquals("OrderCreated", created.getAsJsonArray("messages").get(0).getAsJsonObject().getAsJsonArray("types").get(0).getAsString());
      assertFalse(SubscriptionRegistration.createOrUpdate(client, destination));
      assertTrue(SubscriptionRegistration.delete(client));
      assertFalse(SubscriptionRegistration.delete(client));
    }
  }

  @Test
  void readsTheDestinationOfAwsRegionsAndOfOlderRuntimes() {
    Env aws = new Env(Map.of("CONNECT_PROVIDER", "AWS", "CONNECT_AWS_TOPIC_ARN", "arn:aws:sns:eu-central-1:1:t"));
    assertEquals(Map.of("type", "SNS", "topicArn", "arn:aws:sns:eu-central-1:1:t", "authenticationMode", "IAM"),
        SubscriptionRegistration.destination(aws));
    Env none = new Env(Map.of());
    SubscriptionRegistration.destination(none);
    assertThrows(Env.ConfigurationError.class, none::check);
  }
}
