package dev.drydock.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drydock.model.DrydockException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * drydock's one reader of YAML with line numbers: a file an attacker may have written (a Kubernetes manifest, a
 * compose or CloudFormation template, a baseline, an ignore file) becomes a small immutable tree in which every
 * node knows the line and column it starts at. Scalars are typed by the YAML 1.2 core schema; a local tag
 * ({@code !Ref}, {@code !GetAtt}) is kept on its node for the reader that gives it a meaning; merge keys
 * ({@code <<: *defaults}) are flattened by SnakeYAML's composer. An empty document is a null scalar.
 *
 * <p>Hostile input is one {@link DrydockException} naming the file and line, before it can cost a stack
 * overflow, a hang or the heap (docs/security.md lists each reader's bounds): {@link BoundedEvents} refuses too
 * many documents, too deep nesting, too long values and aliases inside the node they name; SnakeYAML refuses too
 * many aliases to collections and more code points than allowed; and the size and depth of every document once
 * its aliases are expanded are measured on the node graph, without expanding it. An alias shares its node in the
 * tree (the tree is as small as the text), so a reader that walks the tree sees at most {@link Bounds#nodes()}
 * nodes per document.
 */
public final class YamlTree {
  /**
   * The bounds of one reader.
   *
   * @param documents documents per stream
   * @param depth nesting of mappings and sequences, as written and once aliases are expanded
   * @param valueLength characters in one scalar
   * @param collectionAliases aliases to mappings or sequences per stream
   * @param nodes nodes of one document once aliases are expanded
   * @param codePoints code points in the whole stream
   */
  public record Bounds(int documents, int depth, int valueLength, int collectionAliases, int nodes, int codePoints) {}

  /** A node of the tree and where it starts (1-based). */
  public sealed interface Node permits Scalar, Sequence, Mapping {
    int line();

    int column();

    /** The node's local tag ({@code !Ref}), null when it has none (or a standard {@code !!} tag). */
    String tag();
  }

  /** What the core schema makes of a scalar. */
  public enum Kind { STRING, INT, FLOAT, BOOL, NULL }

  /**
   * A scalar.
   *
   * @param value the text as written (unquoted, unescaped)
   * @param kind its type; a tagged or quoted scalar is a {@link Kind#STRING}
   * @param plain whether it was written without quotes or a block indicator
   */
  public record Scalar(String value, Kind kind, boolean plain, String tag, int line, int column) implements Node {
    public boolean isNull() {
      return kind == Kind.NULL;
    }

    public boolean isString() {
      return kind == Kind.STRING;
    }

    /** The boolean of a {@link Kind#BOOL} ({@code true}, {@code True}, {@code TRUE}). */
    public boolean bool() {
      return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
    }

    /** The number of an {@link Kind#INT} (decimal, {@code 0x} or {@code 0o}), null when it is none. */
    public BigInteger integer() {
      String n = value.replace("_", "").replaceFirst("^\\+", "");
      try {
        if (n.startsWith("0x")) {
          return new BigInteger(n.substring(2), 16);
        }
        if (n.startsWith("0o")) {
          return new BigInteger(n.substring(2), 8);
        }
        return new BigInteger(n);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** The scalar as a Jackson value of its type (text when it is not a number Java reads, e.g. {@code .inf}). */
    public JsonNode json() {
      JsonNodeFactory f = JsonNodeFactory.instance;
      return switch (kind) {
        case NULL -> f.nullNode();
        case BOOL -> f.booleanNode(bool());
        case INT -> integer() == null ? f.textNode(value) : f.numberNode(integer());
        case FLOAT -> decimal() == null ? f.textNode(value) : f.numberNode(decimal());
        case STRING -> f.textNode(value);
      };
    }

    /** The number of a {@link Kind#FLOAT}, null when Java reads none ({@code .inf}). */
    public Double decimal() {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A sequence. */
  public record Sequence(List<Node> items, String tag, int line, int column) implements Node {
    public Sequence {
      items = Collections.unmodifiableList(items);
    }
  }

  /** One key and value of a mapping, in the order written; a key may be any node. */
  public record Entry(Node key, Node value) {
    /** The key's text when it is a scalar, else null. */
    public String name() {
      return key instanceof Scalar s ? s.value() : null;
    }
  }

  /** A mapping, its entries in the order written (duplicates kept: the reader decides). */
  public record Mapping(List<Entry> entries, String tag, int line, int column) implements Node {
    public Mapping {
      entries = Collections.unmodifiableList(entries);
    }
  }

  /**
   * Text that is not YAML, as SnakeYAML words it. The message is {@code file:line: invalid YAML: problem};
   * a reader that words it otherwise builds its own from the parts.
   */
  public static final class SyntaxError extends DrydockException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int contextLine;
    private final String context;
    private final String problem;

    SyntaxError(String file, int line, int contextLine, String context, String problem) {
      super(file + ":" + line + ": invalid YAML: " + problem);
      this.file = file;
      this.line = line;
      this.contextLine = contextLine;
      this.context = context;
      this.problem = problem;
    }

    public String file() {
      return file;
    }

    /** 1-based line of the problem. */
    public int line() {
      return line;
    }

    /** 1-based line where what SnakeYAML was reading starts (an unterminated quote), 0 if unknown. */
    public int contextLine() {
      return contextLine;
    }

    /** What SnakeYAML was reading ({@code while scanning a quoted scalar}), null if it says nothing. */
    public String context() {
      return context;
    }

    /** What went wrong, on one line. */
    public String problem() {
      return problem;
    }
  }

  /**
   * The reader's window, in code points. SnakeYAML copies its window each time it refills it, so a long scalar
   * costs time quadratic in its length over the window size; a 64 Ki window keeps a 10 MB value near a second.
   */
  private static final int READ_WINDOW = 1 << 16;

  private YamlTree() {}

  /** Every document of the stream, in order. */
  public static List<Node> readAll(String file, String text, Bounds bounds) {
    List<Node> out = new ArrayList<>();
    try {
      Composer composer = composer(file, text, bounds);
      while (composer.hasNext()) {
        org.snakeyaml.engine.v2.nodes.Node node = composer.next();
        if (node != null) {
          out.add(tree(file, node, bounds));
        }
      }
    } catch (MarkedYamlEngineException e) {
      throw syntax(file, e, true);
    } catch (YamlEngineException e) {
      throw new SyntaxError(file, 1, 0, null, oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw badTag(file, e);
    }
    return Collections.unmodifiableList(out);
  }

  /** The one document of the stream, null when it is empty; a second document is a {@link SyntaxError}. */
  public static Node readOne(String file, String text, Bounds bounds) {
    try {
      org.snakeyaml.engine.v2.nodes.Node node = composer(file, text, bounds).getSingleNode().orElse(null);
      return node == null ? null : tree(file, node, bounds);
    } catch (MarkedYamlEngineException e) {
      throw syntax(file, e, false);
    } catch (YamlEngineException e) {
      throw new SyntaxError(file, 1, 0, null, oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw badTag(file, e);
    }
  }

  /**
   * SnakeYAML's composer throws {@link IllegalArgumentException} (not one of its own exceptions, and without a
   * position) for a tag it cannot build, such as {@code !l%e} (a bad escape): bad input like any syntax error.
   * Found by BaselineFuzzTest.
   */
  private static SyntaxError badTag(String file, IllegalArgumentException e) {
    return new SyntaxError(file, 1, 0, null, "a tag that cannot be read: " + oneLine(String.valueOf(e.getMessage())));
  }

  private static Composer composer(String file, String text, Bounds bounds) {
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).setLabel(file)
        .setMaxAliasesForCollections(bounds.collectionAliases()).setAllowRecursiveKeys(false)
        .setCodePointLimit(bounds.codePoints()).setBufferSize(READ_WINDOW).setSchema(new CoreSchema()).build();
    return new Composer(settings, new BoundedEvents(new ParserImpl(settings, new StreamReader(settings, text)), file,
        new BoundedEvents.Bounds(bounds.documents(), bounds.depth(), bounds.valueLength())));
  }

  private static SyntaxError syntax(String file, MarkedYamlEngineException e, boolean contextMark) {
    var mark = contextMark ? e.getProblemMark().or(e::getContextMark) : e.getProblemMark();
    int line = mark.map(m -> m.getLine() + 1).orElse(1);
    int contextLine = e.getContextMark().map(m -> m.getLine() + 1).orElse(0);
    return new SyntaxError(file, line, contextLine, e.getContext() == null ? null : oneLine(e.getContext()), oneLine(e.getProblem()));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /** Measures the document once expanded (refusing what is too large), then builds the tree. */
  private static Node tree(String file, org.snakeyaml.engine.v2.nodes.Node node, Bounds bounds) {
    IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, long[]> sizes = new IdentityHashMap<>();
    long[] size = expandedSize(file, node, sizes, bounds);
    if (size[0] > bounds.nodes()) {
      throw new DrydockException(file + ":" + line(firstTooLarge(node, sizes, bounds)) + ": invalid YAML: more than "
          + bounds.nodes() + " nodes once aliases are expanded (an alias bomb?)");
    }
    if (size[1] > bounds.depth()) {
      throw new DrydockException(file + ":" + line(node) + ": invalid YAML: nested deeper than " + bounds.depth()
          + " levels once aliases are expanded");
    }
    return convert(node, new IdentityHashMap<>());
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, Node> done) {
    Node known = done.get(node);
    if (known != null) {
      return known; // an alias: the node it names, shared
    }
    int line = line(node);
    int column = node.getStartMark().map(Mark::getColumn).orElse(0) + 1;
    String tag = node.getTag().getValue();
    String local = tag.startsWith("!") && !tag.startsWith("!!") ? tag : null;
    Node out;
    if (node instanceof MappingNode map) {
      List<Entry> entries = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        entries.add(new Entry(convert(t.getKeyNode(), done), convert(t.getValueNode(), done)));
      }
      out = new Mapping(entries, local, line, column);
    } else if (node instanceof SequenceNode seq) {
      List<Node> items = new ArrayList<>();
      for (org.snakeyaml.engine.v2.nodes.Node item : seq.getValue()) {
        items.add(convert(item, done));
      }
      out = new Sequence(items, local, line, column);
    } else {
      ScalarNode s = (ScalarNode) node;
      Tag t = s.getTag();
      Kind kind = Tag.NULL.equals(t) ? Kind.NULL : Tag.BOOL.equals(t) ? Kind.BOOL : Tag.INT.equals(t) ? Kind.INT
          : Tag.FLOAT.equals(t) ? Kind.FLOAT : Kind.STRING;
      out = new Scalar(s.getValue(), kind, s.isPlain(), local, line, column);
    }
    done.put(node, out);
    return out;
  }

  private static int line(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  private static List<org.snakeyaml.engine.v2.nodes.Node> children(org.snakeyaml.engine.v2.nodes.Node node,
      boolean keys) {
    List<org.snakeyaml.engine.v2.nodes.Node> children = new ArrayList<>();
    if (node instanceof MappingNode map) {
      map.getValue().forEach(t -> {
        if (keys) {
          children.add(t.getKeyNode());
        }
        children.add(t.getValueNode());
      });
    } else if (node instanceof SequenceNode seq) {
      children.addAll(seq.getValue());
    }
    return children;
  }

  /**
   * The number of nodes {@code node} becomes once aliases are expanded, and the depth it then has, counted on the
   * node graph (aliases share nodes) without expanding it; the size saturates just above the bound, the depth
   * too. An alias to a node that contains it (a self-referencing merge key {@code &a {<<: *a}}) would expand
   * forever: bad input. The recursion follows the written nesting only (an alias refers to an anchor already
   * measured, or to an ancestor), so it is as deep as the parser allowed.
   */
  private static long[] expandedSize(String file, org.snakeyaml.engine.v2.nodes.Node node,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, long[]> memo, Bounds bounds) {
    long[] known = memo.get(node);
    if (known == IN_PROGRESS) {
      throw new DrydockException(file + ":" + line(node)
          + ": invalid YAML: an alias refers to a node that contains it (it would expand forever)");
    }
    if (known != null) {
      return known;
    }
    memo.put(node, IN_PROGRESS);
    long size = 1;
    long depth = 0;
    List<org.snakeyaml.engine.v2.nodes.Node> children = children(node, true);
    for (org.snakeyaml.engine.v2.nodes.Node child : children) {
      long[] c = expandedSize(file, child, memo, bounds);
      size += c[0];
      depth = Math.max(depth, c[1]);
      if (size > bounds.nodes() || depth > bounds.depth()) {
        break;
      }
    }
    long[] result = {Math.min(size, bounds.nodes() + 1L),
        Math.min(depth + (children.isEmpty() ? 0 : 1), bounds.depth() + 1L)};
    memo.put(node, result);
    return result;
  }

  /** Marks a node whose size is being computed. */
  private static final long[] IN_PROGRESS = new long[0];

  /**
   * The first node, in document order, that alone expands past the bound: descends from {@code node} into the
   * first such child written at or after its parent (not back into an anchor defined earlier).
   */
  private static org.snakeyaml.engine.v2.nodes.Node firstTooLarge(org.snakeyaml.engine.v2.nodes.Node node,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, long[]> sizes, Bounds bounds) {
    org.snakeyaml.engine.v2.nodes.Node current = node;
    while (true) {
      org.snakeyaml.engine.v2.nodes.Node next = null;
      for (org.snakeyaml.engine.v2.nodes.Node c : children(current, false)) {
        long[] size = sizes.get(c);
        if (size != null && size.length > 0 && size[0] > bounds.nodes() && line(c) >= line(current)) {
          next = c;
          break;
        }
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
  }
}
