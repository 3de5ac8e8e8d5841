package dev.drydock.analyzers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * XML for manifests (pom.xml, *.csproj, packages.config): a document with a DOCTYPE is refused, so no
 * entity is ever expanded or fetched. Namespaces are ignored (elements are matched by local name).
 */
public final class SafeXml {
  private SafeXml() {}

  /** The parsed document, or null when it is not well-formed XML or declares a DOCTYPE. */
  public static Document parse(byte[] content) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(content));
    } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** Direct child elements of {@code parent} with this local name ({@code *}: all). */
  public static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name.equals("*") || name.equals(localName(e)))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first direct child element with this local name, or null. */
  public static Element child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0);
  }

  /** The trimmed text of the first direct child with this local name, or null when absent or empty. */
  public static String childText(Element parent, String name) {
    Element c = child(parent, name);
    if (c == null) {
      return null;
    }
    String t = c.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  /** An attribute's trimmed value, or null when absent or empty. */
  public static String attribute(Element e, String name) {
    if (!e.hasAttribute(name)) {
      return null;
    }
    String v = e.getAttribute(name).strip();
    return v.isEmpty() ? null : v;
  }

  public static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }
}
