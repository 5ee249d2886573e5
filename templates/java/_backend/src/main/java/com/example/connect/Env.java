package com.example.connect;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading configuration from the environment. Connect hands every key of connect.yaml's
 * standardConfiguration and securedConfiguration to the application as an environment variable;
 * locally, copy .env.example to .env. Every problem is collected, one line per variable, so a
 * misconfigured deployment says exactly what to fix.
 */
public final class Env {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public Env(Map<String, String> env) {
    this.env = env;
  }

  /** Thrown with every problem of the configuration at once. */
  public static final class ConfigurationError extends RuntimeException {
    public ConfigurationError(List<String> problems) {
      super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
  }

  /** The commercetools API client's settings. */
  public record Commercetools(
      String projectKey, String clientId, String clientSecret, List<String> scopes, String apiUrl, String authUrl) {}

  /** Throws ConfigurationError when any read failed. */
  public void check() {
    if (!problems.isEmpty()) throw new ConfigurationError(problems);
  }

  public String value(String name) {
    String raw = env.get(name);
    return raw == null || raw.trim().isEmpty() ? null : raw.trim();
  }

  public String string(String name) {
    String raw = value(name);
    if (raw == null) problems.add(name + " is not set");
    return raw == null ? "" : raw;
  }

  public String url(String name) {
    String raw = value(name);
    if (raw == null) {
      problems.add(name + " is not set");
      return "";
    }
    try {
      String scheme = URI.create(raw).getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) throw new IllegalArgumentException();
      return raw.replaceAll("/+$", "");
    } catch (IllegalArgumentException error) {
      problems.add(name + " \"" + raw + "\" is not an http(s) URL");
      return "";
    }
  }

  public int integer(String name, int fallback, int min, int max) {
    String raw = value(name);
    if (raw == null) return fallback;
    try {
      int number = Integer.parseInt(raw);
      if (number >= min && number <= max) return number;
    } catch (NumberFormatException error) {
      // reported below
    }
    problems.add(name + " \"" + raw + "\" is not a whole number between " + min + " and " + max);
    return fallback;
  }

  /** The port to listen on: PORT, which Connect (and `connect dev`) set; 8080 by default. */
  public int port() {
    return integer("PORT", 8080, 1, 65535);
  }

  /**
   * CTP_API_URL and CTP_AUTH_URL win over the region: they point the app at any platform,
   * including `connect dev`'s local one.
   */
  public Commercetools commercetools() {
    String projectKey = string("CTP_PROJECT_KEY");
    String clientId = string("CTP_CLIENT_ID");
    String clientSecret = string("CTP_CLIENT_SECRET");
    String scope = value("CTP_SCOPE");
    List<String> scopes = scope == null ? List.of() : Arrays.asList(scope.split("\\s+"));
    String apiUrl = value("CTP_API_URL") == null ? null : url("CTP_API_URL");
    String authUrl = value("CTP_AUTH_URL") == null ? null : url("CTP_AUTH_URL");
    if (apiUrl == null || authUrl == null) {
      String region = value("CTP_REGION");
      if (region == null) {
        problems.add("CTP_REGION is not set (e.g. europe-west1.gcp); it is needed unless CTP_API_URL and CTP_AUTH_URL are both set");
      } else if (!region.matches("[a-z0-9-]+\\.(gcp|aws)")) {
        problems.add("CTP_REGION \"" + region + "\" is not a region such as europe-west1.gcp or us-east-2.aws");
      } else {
        if (apiUrl == null) apiUrl = "https://api." + region + ".commercetools.com";
        if (authUrl == null) authUrl = "https://auth." + region + ".commercetools.com";
      }
    }
    return new Commercetools(
        projectKey, clientId, clientSecret, scopes, apiUrl == null ? "" : apiUrl, authUrl == null ? "" : authUrl);
  }
}
