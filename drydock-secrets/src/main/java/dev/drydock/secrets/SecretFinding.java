package dev.drydock.secrets;

import dev.drydock.model.Severity;

/**
 * A secret found in a file. The secret itself is never kept: only a redacted prefix and a fingerprint.
 *
 * @param ruleId the rule that matched
 * @param severity severity of the rule
 * @param path the scanned file
 * @param line 1-based line of the match
 * @param column 1-based column of the match
 * @param redacted first 4 characters of the secret followed by "****" (only "****" for secrets of 8
 *     characters or less)
 * @param fingerprint hex SHA-256 of ruleId:path:line:sha256(secret)
 */
public record SecretFinding(
    String ruleId, Severity severity, String path, int line, int column, String redacted, String fingerprint) {}
