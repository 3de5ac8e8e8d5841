package dev.drydock.gate.compliance;

/**
 * One thing that fails a control.
 *
 * @param check the check or gate rule that found it
 * @param target the scanned image or directory
 * @param findingId the finding's id (CVE id, ...), or what was found ({@code user=root}, ...)
 * @param location file path or config field, may be null
 * @param layerDiffId the layer, may be null
 */
public record Evidence(String check, String target, String findingId, String location, String layerDiffId) {}
