package dev.drydock.vulndb.match;

import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An AdvisorySource over records held in memory (real feed records parsed in tests). */
record ListAdvisorySource(List<OsvRecord> records, Map<String, Kev> kevs, Map<String, Epss> epss)
    implements AdvisorySource {

  ListAdvisorySource(List<OsvRecord> records) {
    this(records, Map.of(), Map.of());
  }

  @Override
  public List<OsvRecord> advisories(String ecosystem, String name) {
    String wanted = "PyPI".equals(ecosystem) ? PackageQuery.pep503(name) : name;
    return records.stream()
        .filter(r -> r.affected().stream().anyMatch(a -> a.pkg() != null
            && ecosystem.equals(a.pkg().ecosystem()) && a.pkg().name() != null
            && wanted.equals("PyPI".equals(ecosystem) ? PackageQuery.pep503(a.pkg().name()) : a.pkg().name())))
        .toList();
  }

  @Override
  public Optional<Kev> kev(String cve) {
    return Optional.ofNullable(kevs.get(cve));
  }

  @Override
  public Optional<Epss> epss(String cve) {
    return Optional.ofNullable(epss.get(cve));
  }
}
