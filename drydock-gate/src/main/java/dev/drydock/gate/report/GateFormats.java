package dev.drydock.gate.report;

import dev.drydock.model.DrydockException;
import java.util.List;

/** The gate report formats by name. */
public final class GateFormats {
  /** Every format name, in the order shown to users. */
  public static final List<String> NAMES = List.of("table", "json", "junit", "sarif", "markdown", "html");

  private GateFormats() {}

  /** The format called {@code name}; a {@link DrydockException} naming the known ones otherwise. */
  public static GateFormat byName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (n) {
      case "table" -> TableReport::render;
      case "json" -> JsonReport::render;
      case "junit" -> JunitReport::render;
      case "sarif" -> SarifReport::render;
      case "markdown" -> MarkdownReport::render;
      case "html" -> dev.drydock.gate.report.html.HtmlReport::render;
      default -> throw new DrydockException(
          "unknown format '" + name + "' (expected one of: " + String.join(", ", NAMES) + ")");
    };
  }
}
