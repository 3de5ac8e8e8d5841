package dev.drydock.vulndb.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import dev.drydock.vulndb.osv.OsvRecord.OsvPackage;
import dev.drydock.vulndb.osv.OsvRecord.OsvRange;
import dev.drydock.vulndb.osv.OsvRecord.OsvReference;
import dev.drydock.vulndb.osv.OsvRecord.OsvSeverity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link OsvRecord} as the store keeps it before compression: every field in schema order, strings as a
 * varint (length + 1, 0 for null) and UTF-8, lists as a varint count, the free-form {@code database_specific} /
 * {@code ecosystem_specific} objects as their JSON text. Decoding it costs no JSON parsing (and no Jackson data
 * binding) for anything but those small objects, which matters for a scan in a fresh JVM.
 */
final class RecordBinary {

  /** The first byte of every encoded record. */
  static final int FORMAT = 1;

  private RecordBinary() {}

  static byte[] encode(OsvRecord r) {
    Out o = new Out();
    o.buf[o.n++] = FORMAT;
    o.str(r.schemaVersion());
    o.str(r.id());
    o.str(r.modified());
    o.str(r.published());
    o.str(r.withdrawn());
    o.strs(r.aliases());
    o.strs(r.related());
    o.str(r.summary());
    o.str(r.details());
    o.severities(r.severity());
    o.varint(r.affected().size());
    for (OsvAffected a : r.affected()) {
      OsvPackage p = a.pkg();
      if (p == null) {
        o.varint(0);
      } else {
        o.varint(1);
        o.str(p.ecosystem());
        o.str(p.name());
        o.str(p.purl());
      }
      o.varint(a.ranges().size());
      for (OsvRange range : a.ranges()) {
        o.str(range.type());
        o.str(range.repo());
        o.varint(range.events().size());
        for (OsvEvent e : range.events()) {
          o.str(e.introduced());
          o.str(e.fixed());
          o.str(e.lastAffected());
          o.str(e.limit());
        }
      }
      o.strs(a.versions());
      o.node(a.ecosystemSpecific());
      o.node(a.databaseSpecific());
      o.severities(a.severity());
    }
    o.varint(r.references().size());
    for (OsvReference ref : r.references()) {
      o.str(ref.type());
      o.str(ref.url());
    }
    o.node(r.databaseSpecific());
    return Arrays.copyOf(o.buf, o.n);
  }

  static OsvRecord decode(byte[] b) throws IOException {
    In in = new In(b);
    try {
      if (in.b[in.p++] != FORMAT) {
        throw new IOException("stored record has an unknown format " + b[0]);
      }
      String schemaVersion = in.str();
      String id = in.str();
      String modified = in.str();
      String published = in.str();
      String withdrawn = in.str();
      List<String> aliases = in.strs();
      List<String> related = in.strs();
      String summary = in.str();
      String details = in.str();
      List<OsvSeverity> severity = in.severities();
      int na = in.count();
      List<OsvAffected> affected = new ArrayList<>(na);
      for (int i = 0; i < na; i++) {
        OsvPackage pkg = in.varint() == 0 ? null : new OsvPackage(in.str(), in.str(), in.str());
        int nr = in.count();
        List<OsvRange> ranges = new ArrayList<>(nr);
        for (int j = 0; j < nr; j++) {
          String type = in.str();
          String repo = in.str();
          int ne = in.count();
          List<OsvEvent> events = new ArrayList<>(ne);
          for (int k = 0; k < ne; k++) {
            events.add(new OsvEvent(in.str(), in.str(), in.str(), in.str()));
          }
          ranges.add(new OsvRange(type, repo, events));
        }
        List<String> versions = in.strs();
        JsonNode eco = in.node();
        JsonNode db = in.node();
        affected.add(new OsvAffected(pkg, ranges, versions, eco, db, in.severities()));
      }
      int nref = in.count();
      List<OsvReference> references = new ArrayList<>(nref);
      for (int i = 0; i < nref; i++) {
        references.add(new OsvReference(in.str(), in.str()));
      }
      JsonNode databaseSpecific = in.node();
      if (in.p != b.length) {
        throw new IOException("stored record has " + (b.length - in.p) + " bytes past its end");
      }
      return new OsvRecord(schemaVersion, id, modified, published, withdrawn, aliases, related, summary, details,
          severity, affected, references, databaseSpecific);
    } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | StringIndexOutOfBoundsException e) {
      throw new IOException("stored record is truncated", e);
    }
  }

  private static final class Out {
    byte[] buf = new byte[4096];
    int n;

    void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    void str(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      varint(u.length + 1);
      ensure(u.length);
      System.arraycopy(u, 0, buf, n, u.length);
      n += u.length;
    }

    void strs(List<String> list) {
      varint(list.size());
      for (String s : list) {
        str(s);
      }
    }

    void severities(List<OsvSeverity> list) {
      varint(list.size());
      for (OsvSeverity s : list) {
        str(s.type());
        str(s.score());
      }
    }

    void node(JsonNode node) {
      str(node == null ? null : node.toString());
    }
  }

  private static final class In {
    final byte[] b;
    int p;

    In(byte[] b) {
      this.b = b;
    }

    int varint() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        byte x = b[p++];
        v |= (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IOException("stored record has a bad length");
    }

    int count() throws IOException {
      int c = varint();
      if (c < 0 || c > b.length - p) {
        throw new IOException("stored record has a bad count");
      }
      return c;
    }

    String str() throws IOException {
      int len = varint();
      if (len == 0) {
        return null;
      }
      len--;
      if (len < 0 || len > b.length - p) {
        throw new IOException("stored record has a bad string length");
      }
      String s = new String(b, p, len, StandardCharsets.UTF_8);
      p += len;
      return s;
    }

    List<String> strs() throws IOException {
      int c = count();
      List<String> out = new ArrayList<>(c);
      for (int i = 0; i < c; i++) {
        out.add(str());
      }
      return out;
    }

    List<OsvSeverity> severities() throws IOException {
      int c = count();
      List<OsvSeverity> out = new ArrayList<>(c);
      for (int i = 0; i < c; i++) {
        out.add(new OsvSeverity(str(), str()));
      }
      return out;
    }

    JsonNode node() throws IOException {
      String json = str();
      return json == null ? null : RecordCodec.MAPPER.readTree(json);
    }
  }
}
