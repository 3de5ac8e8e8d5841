package dev.drydock.yaml;

import dev.drydock.model.DrydockException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The YAML parser's events, checked against bounds as SnakeYAML's composer takes them: documents per stream,
 * nesting depth, scalar length, and aliases to a collection that is still open (an alias inside the node it
 * names). The composer builds nodes recursively, so the depth must be refused here, before it recurses; and it
 * flattens merge keys in a loop that never ends on {@code &a {<<: *a}}, so a recursive alias must be refused
 * before the composer sees it. Every refusal is a {@link DrydockException} naming the file and line.
 *
 * <p>Used by every reader of untrusted YAML with line numbers (configuration documents in drydock-checks,
 * baselines in drydock-gate): wrap the parser, {@code new Composer(settings, new BoundedEvents(parser, ...))}.
 */
public final class BoundedEvents implements Parser {
  /**
   * The bounds.
   *
   * @param documents documents per stream
   * @param depth nesting of mappings and sequences
   * @param valueLength characters in one scalar
   */
  public record Bounds(int documents, int depth, int valueLength) {}

  private final Parser in;
  private final String file;
  private final Bounds bounds;
  private int documents;
  private int depth;
  /** The collections now open, innermost last, each as the definition it is (an object of its own). */
  private final Deque<Object> open = new ArrayDeque<>();
  /** Per anchor name: its latest definition (an alias refers to the latest). */
  private final Map<String, Object> latest = new HashMap<>();

  public BoundedEvents(Parser in, String file, Bounds bounds) {
    this.in = in;
    this.file = file;
    this.bounds = bounds;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return in.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return in.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return in.hasNext();
  }

  @Override
  public Event next() {
    Event e = in.next();
    switch (e.getEventId()) {
      case DocumentStart -> {
        if (++documents > bounds.documents()) {
          throw error(e, "more than " + bounds.documents() + " documents in one file");
        }
      }
      case MappingStart, SequenceStart -> {
        if (++depth > bounds.depth()) {
          throw error(e, "nested deeper than " + bounds.depth() + " levels");
        }
        Object definition = new Object();
        ((NodeEvent) e).getAnchor().ifPresent(a -> latest.put(a.getValue(), definition));
        open.addLast(definition);
      }
      case MappingEnd, SequenceEnd -> {
        depth--;
        open.removeLast();
      }
      case Alias -> {
        Object definition = latest.get(((AliasEvent) e).getAlias().getValue());
        if (definition != null && open.contains(definition)) {
          throw error(e, "an alias refers to a node that contains it (it would expand forever)");
        }
      }
      case Scalar -> {
        ((NodeEvent) e).getAnchor().ifPresent(a -> latest.put(a.getValue(), new Object()));
        if (((ScalarEvent) e).getValue().length() > bounds.valueLength()) {
          throw error(e, "a value longer than " + bounds.valueLength() + " characters");
        }
      }
      default -> { }
    }
    return e;
  }

  private DrydockException error(Event e, String what) {
    int line = e.getStartMark().map(Mark::getLine).orElse(0) + 1;
    return new DrydockException(file + ":" + line + ": invalid YAML: " + what);
  }
}
