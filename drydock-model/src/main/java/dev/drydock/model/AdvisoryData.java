package dev.drydock.model;

/**
 * One advisory source a result was matched with: what the verdict rests on, recorded in every result so a
 * reader can tell how fresh and how complete the data was.
 *
 * @param source the source's name in the store ({@code osv:Debian}, {@code kev}, {@code debian-tracker}, ...)
 * @param dataDate when the source's publisher last changed the data (ISO-8601 date or instant); null when the
 *     source does not say
 * @param importedAt when this store imported it (ISO-8601 instant)
 * @param records advisories (or entries) the source holds in the store
 * @param digest sha256 of what was imported ({@code sha256:<hex>}); null when not recorded
 */
public record AdvisoryData(String source, String dataDate, String importedAt, long records, String digest) {}
