package dev.drydock.analyzers;

/**
 * {@code IMAGE}: image layers and root filesystems; {@code SOURCE}: directories without an OS (source
 * trees, but also distroless or scratch root filesystems without etc/os-release). Language packages are
 * read in both: installed metadata (dist-info, node_modules package.json, gemspecs, installed.json, jars,
 * Go and Rust binaries, deps.json) and lock files (package-lock.json, yarn.lock, pnpm-lock.yaml, Cargo.lock,
 * composer.lock, Gemfile.lock, packages.lock.json, gradle.lockfile). Only declared manifests that name
 * ranges or need other files to resolve (requirements*.txt, poetry.lock, Pipfile.lock, go.mod/go.sum,
 * pom.xml, *.csproj, Directory.Packages.props, packages.config) and the OS package databases are read in one
 * kind only (docs/ecosystems.md).
 */
public enum TargetKind {
  IMAGE,
  SOURCE
}
