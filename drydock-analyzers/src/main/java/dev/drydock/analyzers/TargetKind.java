package dev.drydock.analyzers;

/**
 * {@code IMAGE}: image layers and root filesystems (installed package metadata: dpkg status,
 * dist-info, package.json in node_modules, jars, binaries). {@code SOURCE}: source trees (lock files:
 * package-lock.json, poetry.lock, Gemfile.lock, Cargo.lock, composer.lock, ...).
 */
public enum TargetKind {
  IMAGE,
  SOURCE
}
