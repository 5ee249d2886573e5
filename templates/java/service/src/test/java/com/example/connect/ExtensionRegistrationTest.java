package com.example.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** Post-deploy and pre-undeploy against a local stand-in of the commercetools API. */
class ExtensionRegistrationTest {
  @Test
  void createsThenUpdatesThenRemovesTheExtension() throws Exception {
    try (FakeCommercetools api = new FakeCommercetools()) {
      CommercetoolsClient client = new CommercetoolsClient(api.config());
      assertTrue(ExtensionRegistration.register(client, "https://service.example/one"));
      JsonObject created = api.resources.get("extensions").get(ExtensionRegistration.EXTENSION_KEY);
      assertEquals("https://service.example/one", created.getAsJsonObject("destination").get("url").getAsString());
      assertEquals("cart", created.getAsJsonArray("triggers").get(0).getAsJsonObject().get("resourceTypeId").getAsString());

      assertFalse(ExtensionRegistration.register(client, "https://service.example/two"));
      assertEquals(2, created.get("version").getAsInt());
      assertEquals("changeDestination", created.getAsJsonArray("lastActions").get(0).getAsJsonObject().get("action").getAsString());

      assertTrue(ExtensionRegistration.remove(client));
      assertFalse(ExtensionRegistration.remove(client));
      assertTrue(api.requests.contains("DELETE /test-project/extensions/key=" + ExtensionRegistration.EXTENSION_KEY + "?version=2"));
    }
  }

  @Test
  void derivesTheApiHostsFromTheRegion() {
    Env env = new Env(java.util.Map.of(
        "CTP_PROJECT_KEY", "p", "CTP_CLIENT_ID", "i", "CTP_CLIENT_SECRET", "s", "CTP_REGION", "europe-west1.gcp"));
    Env.Commercetools config = env.commercetools();
    env.check();
    assertEquals("https://api.europe-west1.gcp.commercetools.com", config.apiUrl());
    assertEquals("https://auth.europe-west1.gcp.commercetools.com", config.authUrl());
  }
}
