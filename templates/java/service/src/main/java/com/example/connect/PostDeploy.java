package com.example.connect;

/** `mvn -B -q compile exec:java@post-deploy`: run by Connect after each deployment. */
public final class PostDeploy {
  private PostDeploy() {}

  public static void main(String[] args) {
    try {
      Env env = new Env(System.getenv());
      Env.Commercetools commercetools = env.commercetools();
      String serviceUrl = env.url("CONNECT_SERVICE_URL");
      env.check();
      boolean created = ExtensionRegistration.register(new CommercetoolsClient(commercetools), serviceUrl);
      System.out.println((created ? "Created" : "Updated") + " API Extension \"" + ExtensionRegistration.EXTENSION_KEY + "\" -> " + serviceUrl);
    } catch (Exception error) {
      System.err.println("Post-deploy failed: " + error.getMessage());
      System.exit(1);
    }
  }
}
