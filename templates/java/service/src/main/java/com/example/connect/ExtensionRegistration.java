package com.example.connect;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Registers this service as an API Extension (post-deploy) and removes it (pre-undeploy). Both
 * are idempotent: deploying twice updates the extension in place, undeploying when it is
 * already gone does nothing.
 */
public final class ExtensionRegistration {
  public static final String EXTENSION_KEY = "{{name}}-extension";

  static final List<Map<String, Object>> TRIGGERS =
      List.of(Map.of("resourceTypeId", "cart", "actions", List.of("Create", "Update")));

  private static final Gson GSON = new Gson();

  private ExtensionRegistration() {}

  /** Creates the extension, or points the existing one at `url`; true when it was created. */
  public static boolean register(CommercetoolsClient client, String url) throws IOException, InterruptedException {
    Map<String, Object> destination = Map.of("type", "HTTP", "url", url);
    JsonObject existing = client.get("/extensions/key=" + EXTENSION_KEY);
    if (existing == null) {
      client.post("/extensions", tree(Map.of("key", EXTENSION_KEY, "destination", destination, "triggers", TRIGGERS)));
      return true;
    }
    client.post("/extensions/key=" + EXTENSION_KEY, tree(Map.of(
        "version", existing.get("version").getAsLong(),
        "actions", List.of(
            Map.of("action", "changeDestination", "destination", destination),
            Map.of("action", "changeTriggers", "triggers", TRIGGERS)))));
    return false;
  }

  /** Deletes the extension; false when there was none. */
  public static boolean remove(CommercetoolsClient client) throws IOException, InterruptedException {
    JsonObject existing = client.get("/extensions/key=" + EXTENSION_KEY);
    if (existing == null) return false;
    client.delete("/extensions/key=" + EXTENSION_KEY + "?version=" + existing.get("version").getAsLong());
    return true;
  }

  private static JsonElement tree(Object value) {
    return GSON.toJsonTree(value);
  }
}
