package com.example.connect;

/** `mvn -B -q compile exec:java@pre-undeploy`: run by Connect before the deployment is removed. */
public final class PreUndeploy {
  private PreUndeploy() {}

  public static void main(String[] args) {
    try {
      Env env = new Env(System.getenv());
      Env.Commercetools commercetools = env.commercetools();
      env.check();
      boolean deleted = SubscriptionRegistration.delete(new CommercetoolsClient(commercetools));
      System.out.println(deleted
          ? "Deleted Subscription \"" + SubscriptionRegistration.SUBSCRIPTION_KEY + "\""
          : "Subscription \"" + SubscriptionRegistration.SUBSCRIPTION_KEY + "\" did not exist");
    } catch (Exception error) {
      System.err.println("Pre-undeploy failed: " + error.getMessage());
      System.exit(1);
    }
  }
}
