package dev.drydock.report;

import dev.drydock.model.DrydockException;
import dev.drydock.report.cyclonedx.CycloneDxReport;
import dev.drydock.report.json.JsonReport;
import dev.drydock.report.sarif.SarifReport;
import dev.drydock.report.spdx.SpdxReport;
import dev.drydock.report.table.TableReport;
import java.util.List;
import java.util.function.Supplier;

/** The registry of report formats, by name. */
public final class Reports {
  private static final List<String> NAMES = List.of("table", "json", "sarif", "cyclonedx", "spdx");

  private Reports() {}

  /**
   * The format called {@code name}.
   *
   * @throws DrydockException when no format has that name
   */
  public static ReportFormat byName(String name) {
    return byName(name, false);
  }

  /**
   * The format called {@code name}; the table lists the packages only when {@code listPackages} (the other
   * formats always carry the inventory).
   *
   * @throws DrydockException when no format has that name
   */
  public static ReportFormat byName(String name, boolean listPackages) {
    Supplier<ReportFormat> format = switch (name == null ? "" : name) {
      case "table" -> () -> new TableReport(listPackages);
      case "json" -> JsonReport::new;
      case "sarif" -> SarifReport::new;
      case "cyclonedx" -> CycloneDxReport::new;
      case "spdx" -> SpdxReport::new;
      default -> null;
    };
    if (format == null) {
      throw new DrydockException("unknown format '" + name + "' (expected one of: " + String.join(", ", NAMES) + ")");
    }
    return format.get();
  }

  /** Every format name, in the order they are documented. */
  public static List<String> names() {
    return NAMES;
  }
}
