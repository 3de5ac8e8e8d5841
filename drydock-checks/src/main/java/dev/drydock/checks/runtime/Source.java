package dev.drydock.checks.runtime;

/** Where container settings came from; some rules apply to only some sources. */
public enum Source {
  KUBERNETES,
  COMPOSE,
  DOCKER_INSPECT
}
