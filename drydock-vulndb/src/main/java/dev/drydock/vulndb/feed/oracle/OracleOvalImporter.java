package dev.drydock.vulndb.feed.oracle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import dev.drydock.vulndb.osv.OsvRecord.OsvPackage;
import dev.drydock.vulndb.osv.OsvRecord.OsvRange;
import dev.drydock.vulndb.osv.OsvRecord.OsvReference;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Oracle Linux's ELSA OVAL ({@code https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2}, or a
 * per-year {@code com.oracle.elsa-<year>.xml.bz2}; plain XML too): one OSV record per {@code <definition>}.
 *
 * <p>The record's id is the ELSA ({@code ELSA-2022-4803}, from the {@code elsa} reference or the title), its CVEs
 * (the {@code CVE} references) are {@code related}, the advisory severity ({@code IMPORTANT}) is every entry's
 * {@code ecosystem_specific.urgency}. The criteria tree is read from its criterion comments, the way Oracle writes
 * them: {@code Oracle Linux 8 is installed} gives the ecosystem {@code Oracle Linux:8}, {@code Oracle Linux arch is
 * x86_64} the entry's {@code ecosystem_specific.arch}, {@code Module nodejs:18 is enabled} names the packages below
 * it {@code nodejs:18/<package>}, and each {@code <package> is earlier than <epoch:version-release>} is one affected
 * entry with the range introduced 0 / fixed that version (binary rpm names). The OVAL tests, objects and states are
 * not needed. A definition without a release or without any package is skipped with one line.
 */
public final class OracleOvalImporter implements FeedImporter {
  private static final String NS_HINT = "oval_definitions";
  private static final Pattern RELEASE = Pattern.compile("^Oracle Linux (\\d+) is installed$");
  private static final Pattern ARCH = Pattern.compile("^Oracle Linux arch is (\\S+)$");
  private static final Pattern MODULE = Pattern.compile("^Module (\\S+:\\S+) is enabled$");
  private static final Pattern EARLIER = Pattern.compile("^(\\S+) is earlier than (\\S+)$");
  private static final Pattern ELSA = Pattern.compile("(ELSA-\\d{4}-\\d+)");

  @Override
  public String format() {
    return "oracle-oval";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return fileName.contains("com.oracle.elsa");
    }
    String text = Sniff.text(head);
    return text.contains("<" + NS_HINT) && text.contains("com.oracle.elsa");
  }

  /** The whole ELSA OVAL is some hundreds of MiB uncompressed. */
  @Override
  public long maxBytes() {
    return 2L * 1024 * 1024 * 1024;
  }

  @Override
  public ImportResult importFrom(InputStream raw, String location, SourceWriter out) throws IOException {
    InputStream in = new BufferedInputStream(raw);
    in.mark(3);
    byte[] magic = in.readNBytes(3);
    in.reset();
    if (magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      in = new BZip2CompressorInputStream(in, true);
    }
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Skipped> skipped = new ArrayList<>();
    long written = 0;
    int definitions = 0;
    try {
      XMLStreamReader x = f.createXMLStreamReader(in);
      boolean root = false;
      while (x.hasNext()) {
        if (x.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (!root) {
          if (!NS_HINT.equals(x.getLocalName())) {
            throw new FeedException(location + ": not an OVAL document (root element " + x.getLocalName() + ")");
          }
          root = true;
          continue;
        }
        if (!"definition".equals(x.getLocalName())) {
          continue;
        }
        definitions++;
        Definition d = definition(x);
        String where = location + " " + (d.id != null ? d.id : "definition " + d.ovalId);
        OsvRecord r = d.toRecord(where, skipped);
        if (r != null) {
          out.addAdvisory(r);
          out.dataDate("oracle-oval", d.issued);
          written++;
        }
      }
    } catch (XMLStreamException e) {
      String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
      throw new FeedException(location + ": malformed OVAL XML" + line + ": " + FeedException.oneLine(
          e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("^ParseError at \\[[^]]*]\\s*", "")));
    }
    if (definitions == 0) {
      throw new FeedException(location + ": OVAL document without definitions");
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, written, skipped);
  }

  /** One criteria node: its operator, its criterion comments and its child criteria, in order. */
  private static final class Criteria {
    final String operator;
    final List<Object> children = new ArrayList<>(); // String (criterion comment) or Criteria

    Criteria(String operator) {
      this.operator = operator == null ? "AND" : operator;
    }
  }

  private static final class Definition {
    String ovalId;
    String id;
    String title;
    String severity;
    String issued;
    final Set<String> cves = new LinkedHashSet<>();
    final List<OsvReference> refs = new ArrayList<>();
    Criteria criteria;

    OsvRecord toRecord(String where, List<Skipped> skipped) {
      if (id == null) {
        skipped.add(new Skipped(where, "definition without an ELSA id"));
        return null;
      }
      Map<String, OsvAffected> affected = new LinkedHashMap<>();
      Set<String> releases = new LinkedHashSet<>();
      if (criteria != null) {
        walk(criteria, null, null, null, affected, releases);
      }
      if (affected.isEmpty()) {
        skipped.add(new Skipped(where, releases.isEmpty() ? "no \"Oracle Linux N is installed\" criterion"
            : "no \"<package> is earlier than <version>\" criterion"));
        return null;
      }
      String summary = title == null ? null : title.strip().replaceAll("\\s+", " ");
      return new OsvRecord(null, id, null, issued, null, List.of(), List.copyOf(cves), summary, null, List.of(),
          List.copyOf(affected.values()), refs, null);
    }

    private void walk(Criteria c, String release, String arch, String module, Map<String, OsvAffected> out,
        Set<String> releases) {
      String rel = release;
      String ar = arch;
      String mod = module;
      if (c.operator.equals("AND")) { // context criteria of an AND hold for all its children
        for (Object o : c.children) {
          if (o instanceof String s) {
            Matcher m;
            if ((m = RELEASE.matcher(s)).matches()) {
              rel = m.group(1);
              releases.add(rel);
            } else if ((m = ARCH.matcher(s)).matches()) {
              ar = m.group(1);
            } else if ((m = MODULE.matcher(s)).matches()) {
              mod = m.group(1);
            }
          }
        }
      }
      for (Object o : c.children) {
        if (o instanceof Criteria child) {
          walk(child, rel, ar, mod, out, releases);
        } else if (o instanceof String s && rel != null) {
          Matcher m = EARLIER.matcher(s);
          if (m.matches()) {
            String name = mod == null ? m.group(1) : mod + "/" + m.group(1);
            String key = rel + "|" + ar + "|" + name + "|" + m.group(2);
            if (!out.containsKey(key)) {
              out.put(key, entry(rel, ar, name, m.group(2)));
            }
          }
        }
      }
    }

    private OsvAffected entry(String release, String arch, String name, String fixed) {
      ObjectNode specific = JsonNodeFactory.instance.objectNode();
      if (severity != null) {
        specific.put("urgency", severity);
      }
      if (arch != null) {
        specific.put("arch", arch);
      }
      OsvRange range = new OsvRange("ECOSYSTEM", null,
          List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, fixed, null, null)));
      return new OsvAffected(new OsvPackage("Oracle Linux:" + release, name, null), List.of(range), List.of(),
          specific.isEmpty() ? null : specific, null, List.of());
    }
  }

  /** Reads one {@code <definition>} (the reader is on its start tag) up to its end tag. */
  private static Definition definition(XMLStreamReader x) throws XMLStreamException {
    Definition d = new Definition();
    d.ovalId = x.getAttributeValue(null, "id");
    List<Criteria> stack = new ArrayList<>();
    int depth = 1;
    while (depth > 0 && x.hasNext()) {
      int ev = x.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if ("criteria".equals(x.getLocalName()) && !stack.isEmpty()) {
          stack.remove(stack.size() - 1);
        }
        continue;
      }
      if (ev != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      depth++;
      switch (x.getLocalName()) {
        case "title" -> {
          d.title = x.getElementText();
          depth--;
          Matcher m = ELSA.matcher(d.title);
          if (d.id == null && m.find()) {
            d.id = m.group(1);
          }
        }
        case "reference" -> {
          String source = x.getAttributeValue(null, "source");
          String ref = x.getAttributeValue(null, "ref_id");
          String url = x.getAttributeValue(null, "ref_url");
          if ("elsa".equalsIgnoreCase(source) && ref != null) {
            d.id = ref;
            if (url != null) {
              d.refs.add(new OsvReference("ADVISORY", url));
            }
          } else if ("CVE".equalsIgnoreCase(source) && ref != null) {
            d.cves.add(ref);
          }
        }
        case "severity" -> {
          d.severity = x.getElementText().strip();
          depth--;
        }
        case "issued" -> d.issued = x.getAttributeValue(null, "date");
        case "criteria" -> {
          Criteria c = new Criteria(x.getAttributeValue(null, "operator"));
          if (stack.isEmpty()) {
            d.criteria = c;
          } else {
            stack.get(stack.size() - 1).children.add(c);
          }
          stack.add(c);
        }
        case "criterion" -> {
          String comment = x.getAttributeValue(null, "comment");
          if (!stack.isEmpty() && comment != null) {
            stack.get(stack.size() - 1).children.add(comment.strip());
          }
        }
        default -> { }
      }
    }
    return d;
  }
}
