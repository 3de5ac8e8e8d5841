package dev.drydock.model;

/**
 * Counters of one scan.
 *
 * @param layers number of layers in the target
 * @param layersAnalysed layers on which at least one analyzer ran
 * @param layersFromCache layers whose facts all came from the cache (read at most to verify their digests)
 * @param filesAnalysed files handed to analyzers
 * @param bytesRead uncompressed layer bytes read
 * @param durationMillis wall time of the scan
 */
public record ScanStats(
    int layers, int layersAnalysed, int layersFromCache, long filesAnalysed, long bytesRead, long durationMillis) {}
