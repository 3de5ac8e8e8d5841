package dev.drydock.gate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.score.Grade;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * The {@link GateReport} as JSON: its records as they are, null fields left out, dates as YYYY-MM-DD, grades
 * as every other format writes them ({@code A+}, {@code A}, ...).
 */
public final class JsonReport {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .addModule(new SimpleModule("drydock-gate-values")
          .addSerializer(LocalDate.class, ToStringSerializer.instance)
          .addSerializer(Grade.class, new GradeLabel()))
      .build();

  private JsonReport() {}

  /** A grade by its label. */
  private static final class GradeLabel extends StdSerializer<Grade> {
    GradeLabel() {
      super(Grade.class);
    }

    @Override
    public void serialize(Grade g, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(g.label());
    }
  }

  public static void render(GateReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write('\n');
    out.flush();
  }
}
