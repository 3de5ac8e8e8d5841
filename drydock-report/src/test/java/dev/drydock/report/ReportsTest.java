package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import org.junit.jupiter.api.Test;

class ReportsTest {

  @Test
  void everyNameResolvesToTheFormatOfThatName() {
    assertThat(Reports.names()).containsExactly("table", "json", "sarif", "cyclonedx", "spdx");
    for (String name : Reports.names()) {
      assertThat(Reports.byName(name).name()).isEqualTo(name);
    }
  }

  @Test
  void unknownFormatIsOneClearLine() {
    assertThatThrownBy(() -> Reports.byName("xml"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("unknown format 'xml' (expected one of: table, json, sarif, cyclonedx, spdx)");
  }
}
