package dev.drydock.secrets.home;

import dev.drydock.model.Severity;

/** The home-directory rules (DD-SEC-2xx), one per kind of credential store. */
enum HomeRule {
  SSH_KEY("DD-SEC-201", Severity.HIGH, "Unencrypted SSH private key"),
  AWS_CREDENTIALS("DD-SEC-202", Severity.CRITICAL, "AWS CLI credentials file with a secret key"),
  GCLOUD_CREDENTIALS("DD-SEC-203", Severity.HIGH, "gcloud credentials (refresh token or service-account key)"),
  AZURE_TOKENS("DD-SEC-204", Severity.HIGH, "Azure CLI token cache or service principal secret"),
  KUBECONFIG("DD-SEC-205", Severity.HIGH, "kubeconfig with an embedded token, password or client key"),
  DOCKER_AUTH("DD-SEC-206", Severity.HIGH, "Docker config with stored registry credentials"),
  HISTORY_PASSWORD("DD-SEC-207", Severity.MEDIUM, "Password or token on a command line in a shell history");

  final String id;
  final Severity severity;
  final String title;

  HomeRule(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }
}
