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

  /** One source, {@code test}, holding every record given (no data date, imported at the epoch). */
  @Override
  public List<Source> sources() {
    Map<String, Long> contents = new java.util.TreeMap<>();
    for (OsvRecord r : records) {
      r.affected().stream().filter(a -> a.pkg() != null && a.pkg().ecosystem() != null)
          .map(a -> a.pkg().ecosystem()).distinct().forEach(e -> contents.merge(e, 1L, Long::sum));
    }
    if (!kevs.isEmpty()) {
      contents.put("kev", (long) kevs.size());
    }
    if (!epss.isEmpty()) {
      contents.put("epss", (long) epss.size());
    }
    return List.of(new Source(new dev.drydock.model.AdvisoryData("test", null, "1970-01-01T00:00:00Z",
        records.size() + kevs.size() + epss.size(), null), contents));
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
