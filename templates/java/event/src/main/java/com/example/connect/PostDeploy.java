package com.example.connect;

import java.util.Map;

/** `mvn -B -q compile exec:java@post-deploy`: run by Connect after each deployment. */
public final class PostDeploy {
  private PostDeploy() {}

  public static void main(String[] args) {
    try {
      Env env = new Env(System.getenv());
      Env.Commercetools commercetools = env.commercetools();
      Map<String, Object> destination = SubscriptionRegistration.destination(env);
      env.check();
      boolean created = SubscriptionRegistration.createOrUpdate(new CommercetoolsClient(commercetools), destination);
      System.out.println((created ? "Created" : "Updated") + " Subscription \"" + SubscriptionRegistration.SUBSCRIPTION_KEY + "\" (" + destination.get("type") + ")");
    } catch (Exception error) {
      System.err.println("Post-deploy failed: " + error.getMessage());
      System.exit(1);
    }
  }
}
