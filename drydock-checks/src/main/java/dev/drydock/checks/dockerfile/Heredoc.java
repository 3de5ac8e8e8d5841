package dev.drydock.checks.dockerfile;

/**
 * A here-document of a RUN/COPY/ADD. {@code stripTabs} for {@code <<-}; {@code quoted} when the delimiter was
 * quoted (no expansion). {@code line} is the 1-based line of the body's first line.
 */
public record Heredoc(String delimiter, String body, boolean stripTabs, boolean quoted, int line) {}
