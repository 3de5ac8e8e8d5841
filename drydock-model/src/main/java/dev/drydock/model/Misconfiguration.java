package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A misconfiguration found by a check (Dockerfile, image config, Kubernetes, compose, docker inspect, the
 * Docker host, CloudFormation/IAM), or weak crypto / insecure code in a source file ({@code DD-CRY-0xx},
 * with its CWE id in {@code references}).
 *
 * @param ruleId drydock rule id ({@code DD-DF-001}, {@code DD-IMG-001}, {@code DD-K8S-001}, {@code DD-HOST-...},
 *     {@code DD-CFN-...})
 * @param severity its severity
 * @param title one line saying what is wrong
 * @param file the checked file (path as given, or image-root-relative for image files); for the image
 *     config, {@code image-config}
 * @param line 1-based line of the offending instruction or key, 0 when it has none
 * @param column 1-based column, 0 when unknown
 * @param remediation how to fix it
 * @param references rule ids of other tools ({@code hadolint:DL3002}, {@code cfn_nag:F3}, {@code checkov:CKV_AWS_1},
 *     {@code kubesec:...}), CWE ids ({@code CWE-327}) and URLs
 * @param controls compliance controls it is evidence against ({@code cis-docker:4.1}, {@code nist-800-190:4.4.3},
 *     {@code pss:restricted})
 * @param layerDiffId the image layer the offending file came from, if any
 * @param resource the object inside the file (Kubernetes {@code Deployment/web container app}, a
 *     CloudFormation logical id, a compose service), if any
 */
public record Misconfiguration(
    String ruleId,
    Severity severity,
    String title,
    String file,
    int line,
    int column,
    String remediation,
    List<String> references,
    List<String> controls,
    String layerDiffId,
    String resource) implements Finding {

  public Misconfiguration {
    references = references == null ? List.of() : List.copyOf(references);
    controls = controls == null ? List.of() : List.copyOf(controls);
  }

  @JsonIgnore
  @Override
  public FindingKind kind() {
    return FindingKind.MISCONFIGURATION;
  }

  /** {@code file:line}, or {@code file} when the finding has no line. */
  @JsonIgnore
  @Override
  public String location() {
    return Finding.fileLine(file, line);
  }
}
