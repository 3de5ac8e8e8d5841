package dev.drydock.gate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.drydock.gate.GateReport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/** The {@link GateReport} as JSON: its records as they are, null fields left out, dates as YYYY-MM-DD. */
public final class JsonReport {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .addModule(new SimpleModule("drydock-gate-dates").addSerializer(LocalDate.class, ToStringSerializer.instance))
      .build();

  private JsonReport() {}

  public static void render(GateReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write('\n');
    out.flush();
  }
}
