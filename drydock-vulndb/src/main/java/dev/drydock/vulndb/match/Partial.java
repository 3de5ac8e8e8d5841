package dev.drydock.vulndb.match;

import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.osv.OsvRecord;
import java.util.List;

/**
 * What one advisory says about one installed package, before aliases merge.
 *
 * @param record the advisory
 * @param status its verdict
 * @param fixed fixed versions above the installed one
 * @param note distribution note, or null
 * @param urgency distribution urgency, or null
 * @param source feed name ({@code osv:GHSA}, {@code debian}, ...)
 * @param cvss CVSS vectors of the record and its matching affected entries
 */
record Partial(OsvRecord record, Status status, List<String> fixed, String note, String urgency, String source,
    List<dev.drydock.model.Vulnerability.Cvss> cvss) {}
