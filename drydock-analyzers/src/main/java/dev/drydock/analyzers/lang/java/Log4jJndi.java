package dev.drydock.analyzers.lang.java;

import dev.drydock.model.Package;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evidence for the Log4Shell mitigation: a log4j-core archive whose
 * {@code org/apache/logging/log4j/core/lookup/JndiLookup.class} was deleted (the remedy Apache and CISA
 * published for CVE-2021-44228 / CVE-2021-45046) is recorded with attribute {@code log4jJndiLookup} =
 * {@code absent}; an intact one with {@code present}. Matching reports such findings as mitigated.
 */
final class Log4jJndi {
  static final String JNDI_LOOKUP_CLASS = "org/apache/logging/log4j/core/lookup/JndiLookup.class";
  static final String ATTRIBUTE = "log4jJndiLookup";

  private Log4jJndi() {}

  /** {@code p} with the attribute when it is log4j-core; otherwise {@code p} unchanged. */
  static Package mark(Package p, boolean classPresent) {
    if (!"org.apache.logging.log4j".equals(p.namespace()) || !"log4j-core".equals(p.name())) {
      return p;
    }
    Map<String, String> attrs = new TreeMap<>(p.attributes());
    attrs.put(ATTRIBUTE, classPresent ? "present" : "absent");
    return new Package(p.ecosystem(), p.namespace(), p.name(), p.version(), p.sourceName(), p.sourceVersion(),
        p.arch(), p.licenses(), p.location(), attrs);
  }
}
