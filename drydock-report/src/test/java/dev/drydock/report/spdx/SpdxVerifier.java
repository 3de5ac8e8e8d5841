package dev.drydock.report.spdx;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.tools.SpdxToolsHelper;
import org.spdx.tools.SpdxToolsHelper.SerFileType;
import org.spdx.tools.Verify;

/**
 * What {@code org.spdx.tools.Verify.verify(file, JSON)} does, in two steps: validation against the SPDX
 * 2.3 JSON schema that tools-java ships, then parsing the document into the SPDX model and running its
 * {@code verify()}. Verify itself cannot be called here: it is compiled against json-schema-validator 1.x
 * while cyclonedx-core-java puts 2.x on the classpath (NoClassDefFoundError SpecVersion$VersionFlag).
 */
public final class SpdxVerifier {
  static {
    // verify against the licence list bundled in the SPDX library, never fetching spdx.org (tests stay offline)
    System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
    System.setProperty("SPDXParser.OnlyUseLocalLicenses", "true");
    SpdxToolsHelper.initialize();
  }

  private SpdxVerifier() {}

  public static List<String> verify(Path file) throws IOException {
    List<String> findings = new ArrayList<>();
    Schema schema;
    try (InputStream in = Verify.class.getResourceAsStream("/resources/spdx-schema-v2.3.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
    }
    schema.validate(Json.mapper().readTree(file.toFile())).forEach(e -> findings.add("schema: " + e));
    try {
      SpdxDocument doc = SpdxToolsHelper.readDocumentFromFileCompatV2(
          SpdxToolsHelper.fileTypeToStore(SerFileType.JSON), file.toFile());
      doc.verify().forEach(f -> findings.add("model: " + f));
    } catch (InvalidSPDXAnalysisException e) {
      StringBuilder message = new StringBuilder("parse: ").append(e.getMessage());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        message.append(" / ").append(cause.getMessage());
      }
      findings.add(message.toString());
    }
    return findings;
  }
}
