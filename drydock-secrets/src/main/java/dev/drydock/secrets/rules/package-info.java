/**
 * Custom secret rules from files: drydock rule files (TOML or YAML) and gitleaks {@code .gitleaks.toml}
 * configurations. {@link dev.drydock.secrets.rules.RuleFile#load(java.nio.file.Path)} turns either into the
 * list of {@link dev.drydock.secrets.Rule}s a {@link dev.drydock.secrets.SecretScanner} runs.
 */
package dev.drydock.secrets.rules;
