package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpdxLicensesTest {

  @Test
  void canonicalisesValidExpressions() {
    assertThat(SpdxLicenses.expression("MIT OR Apache-2.0")).isEqualTo("MIT OR Apache-2.0");
    assertThat(SpdxLicenses.expression("mit or apache-2.0")).isEqualTo("MIT OR Apache-2.0");
    assertThat(SpdxLicenses.expression("(MIT OR Apache-2.0) AND BSD-3-Clause"))
        .isEqualTo("(MIT OR Apache-2.0) AND BSD-3-Clause");
    assertThat(SpdxLicenses.expression("GPL-2.0-or-later WITH classpath-exception-2.0"))
        .isEqualTo("GPL-2.0-or-later WITH Classpath-exception-2.0");
    assertThat(SpdxLicenses.expression("MIT+")).isEqualTo("MIT+");
    // deprecated GNU ids become their current -only / -or-later ids
    assertThat(SpdxLicenses.expression("LGPL-2.1+")).isEqualTo("LGPL-2.1-or-later");
    assertThat(SpdxLicenses.expression("GPL-2.0+")).isEqualTo("GPL-2.0-or-later");
    assertThat(SpdxLicenses.expression("GPL-2.0 OR LGPL-2.1")).isEqualTo("GPL-2.0-only OR LGPL-2.1-only");
    assertThat(SpdxLicenses.expression("LicenseRef-custom")).isEqualTo("LicenseRef-custom");
  }

  @Test
  void rejectsWhatIsNotSpdx() {
    assertThat(SpdxLicenses.expression("GPL-2+ with exceptions")).isNull();
    assertThat(SpdxLicenses.expression("GPL-2")).isNull();
    assertThat(SpdxLicenses.expression("MIT OR")).isNull();
    assertThat(SpdxLicenses.expression("(MIT")).isNull();
    assertThat(SpdxLicenses.expression("MIT WITH Apache-2.0")).isNull();
    assertThat(SpdxLicenses.expression("Classpath-exception-2.0")).isNull();
    assertThat(SpdxLicenses.expression("public-domain")).isNull();
  }

  @Test
  void resolvesCommonLicenceNames() {
    assertThat(SpdxLicenses.resolve("The Apache Software License, Version 2.0")).isEqualTo("Apache-2.0");
    assertThat(SpdxLicenses.resolve(Samples.FREE_TEXT_LICENSE)).isNull();
  }

  @Test
  void licenseRefsAreValidIdStrings() {
    String ref = SpdxLicenses.licenseRef(Samples.FREE_TEXT_LICENSE);
    assertThat(ref).isEqualTo("LicenseRef-GPL-2-with-exceptions");
    assertThat(SpdxLicenses.expression(ref)).isEqualTo(ref);
  }
}
