package dev.drydock.secrets.crypto;

import java.util.List;

/** A weak-crypto rule: what it is about and the detectors that find it. */
record Rule(RuleInfo info, List<Detector> detectors) {
  Rule {
    detectors = List.copyOf(detectors);
  }
}
