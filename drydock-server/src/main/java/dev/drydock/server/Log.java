package dev.drydock.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/** Structured logs: one JSON object per line ({@code ts}, {@code level}, {@code msg}, {@code requestId}, fields). */
public final class Log {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final PrintStream out;

  public Log(PrintStream out) {
    this.out = out;
  }

  /** A log that writes nothing. */
  public static Log none() {
    return new Log(null);
  }

  void info(String requestId, String msg, Object... fields) {
    write("info", requestId, msg, fields);
  }

  void warn(String requestId, String msg, Object... fields) {
    write("warn", requestId, msg, fields);
  }

  private void write(String level, String requestId, String msg, Object... fields) {
    if (out == null) {
      return;
    }
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ts", Instant.now().toString());
    n.put("level", level);
    n.put("msg", msg);
    if (requestId != null) {
      n.put("requestId", requestId);
    }
    for (int i = 0; i + 1 < fields.length; i += 2) {
      Object v = fields[i + 1];
      if (v instanceof Number num) {
        n.put(String.valueOf(fields[i]), num.longValue());
      } else {
        n.put(String.valueOf(fields[i]), String.valueOf(v));
      }
    }
    try {
      String line = MAPPER.writeValueAsString(n);
      synchronized (out) {
        out.println(line);
      }
    } catch (JsonProcessingException e) {
      // a map of strings and numbers always serialises
    }
  }
}
