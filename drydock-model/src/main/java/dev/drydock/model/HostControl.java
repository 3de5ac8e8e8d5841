package dev.drydock.model;


/**
 * One CIS Docker Benchmark control as evaluated on a host.
 *
 * @param id the CIS Docker Benchmark v1.6.0 id ({@code 1.1.1}, {@code 2.2}, {@code 3.15})
 * @param title the control's title
 * @param status the outcome
 * @param evidence what was read: {@code file:line: text}, a file's owner and mode, or why nothing could be read
 * @param file the file the evidence comes from (the path under the audited root), null if none
 * @param line 1-based line in {@code file}, 0 when there is none
 * @param severity how bad a failure is (used when the control becomes a finding)
 * @param remediation how to meet the control
 */
public record HostControl(String id, String title, HostStatus status, String evidence, String file, int line,
    Severity severity, String remediation) {}
