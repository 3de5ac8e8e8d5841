package dev.drydock.model;

/**
 * Counters of one scan.
 *
 * @param layers number of layers in the target
 * @param layersAnalysed layers that were read (at least one analyzer ran on them)
 * @param layersFromCache layers not read at all (every analyzer's facts came from the cache)
 * @param filesAnalysed files handed to analyzers
 * @param bytesRead uncompressed layer bytes read
 * @param durationMillis wall time of the scan
 */
public record ScanStats(
    int layers, int layersAnalysed, int layersFromCache, long filesAnalysed, long bytesRead, long durationMillis) {}
