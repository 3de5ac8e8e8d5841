package dev.drydock.image;

import java.nio.file.Path;

/**
 * How to open a target.
 *
 * @param platform {@code os/arch[/variant]} to choose from a multi-platform index; null picks the
 *     host-like default ({@code linux/amd64}) or the only manifest
 * @param limits safety limits
 * @param scratchDir directory where a source may spill data it cannot stream (e.g. a gzip'd outer
 *     archive decompressed for random access); inside the drydock cache directory
 */
public record SourceOptions(String platform, Limits limits, Path scratchDir) {}
