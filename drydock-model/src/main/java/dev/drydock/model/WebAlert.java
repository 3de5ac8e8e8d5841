package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An alert of {@code drydock web}: a passive rule that fired on a response of a running service (a missing or
 * weak security header, a leaky cookie, a version banner, a debug page), an exposed console or file, or a TLS
 * weakness (docs/web.md).
 *
 * @param ruleId drydock rule id ({@code DD-WEB-0xx}); a baseline, ignore file and SARIF name it by this
 * @param zapId the ZAP alert (plugin) id of the same check ({@code 10038}), null where ZAP has none; a ZAP
 *     {@code rules.tsv} may name the alert by either id
 * @param severity its severity
 * @param level what a ZAP-style rules file made of it: {@code FAIL}, {@code WARN} (the default) or {@code INFO}
 * @param title one line saying what is wrong
 * @param url the URL of the response it was seen on (or of the probe that found it)
 * @param param the header, cookie, directive or form it is about, if any
 * @param evidence the text seen (a header value, a banner), cut to a line; null when nothing can be quoted
 * @param remediation how to fix it
 * @param references other tools' ids ({@code zap:10038}, {@code observatory:content-security-policy},
 *     {@code wapiti:csp}), CWE ids and URLs
 * @param controls compliance controls it is evidence against
 */
public record WebAlert(
    String ruleId,
    String zapId,
    Severity severity,
    String level,
    String title,
    String url,
    String param,
    String evidence,
    String remediation,
    List<String> references,
    List<String> controls) implements Finding {

  public WebAlert {
    references = references == null ? List.of() : List.copyOf(references);
    controls = controls == null ? List.of() : List.copyOf(controls);
  }

  /** The same alert at another level ({@code FAIL}, {@code WARN}, {@code INFO}). */
  public WebAlert withLevel(String newLevel) {
    return new WebAlert(ruleId, zapId, severity, newLevel, title, url, param, evidence, remediation, references,
        controls);
  }

  @JsonIgnore
  @Override
  public FindingKind kind() {
    return FindingKind.WEB_ALERT;
  }

  /** The URL, followed by the header, cookie or directive in brackets when there is one. */
  @JsonIgnore
  @Override
  public String location() {
    return param == null || param.isEmpty() ? url : url + " [" + param + "]";
  }

  /** None: a web alert comes from no image layer. */
  @JsonIgnore
  @Override
  public String layerDiffId() {
    return null;
  }
}
