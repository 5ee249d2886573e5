package com.example.connect;

/** `mvn -B -q compile exec:java@pre-undeploy`: run by Connect before the deployment is removed. */
public final class PreUndeploy {
  private PreUndeploy() {}

  public static void main(String[] args) {
    try {
      Env env = new Env(System.getenv());
      Env.Commercetools commercetools = env.commercetools();
      env.check();
      boolean removed = ExtensionRegistration.remove(new CommercetoolsClient(commercetools));
      System.out.println(removed
          ? "Removed API Extension \"" + ExtensionRegistration.EXTENSION_KEY + "\""
          : "API Extension \"" + ExtensionRegistration.EXTENSION_KEY + "\" did not exist");
    } catch (Exception error) {
      System.err.println("Pre-undeploy failed: " + error.getMessage());
      System.exit(1);
    }
  }
}
