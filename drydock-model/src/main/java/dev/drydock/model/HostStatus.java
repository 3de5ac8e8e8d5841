package dev.drydock.model;

/** The outcome of one host control. Only {@link #FAIL} becomes a finding and fails {@code drydock host}. */
public enum HostStatus {
  /** The files show the control is met. */
  PASS,
  /** The files show the control is not met. */
  FAIL,
  /** Needs a look: what the benchmark says to confirm (a cgroup parent, a changed base device size). */
  WARN,
  /** Read and reported, no verdict (e.g. no default ulimit, which the benchmark leaves to the user). */
  INFO,
  /** The file or setting the control is about does not exist, and the benchmark says the control then does not apply. */
  NOT_APPLICABLE,
  /** Cannot be read from files (a judgement or the running system); a person must check it. */
  MANUAL,
  /** The input the control needs could not be read (invalid daemon.json); the error says where. */
  ERROR
}
