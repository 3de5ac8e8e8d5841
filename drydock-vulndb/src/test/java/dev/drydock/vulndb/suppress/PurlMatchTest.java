package dev.drydock.vulndb.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurlMatchTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | true",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar | true",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?classifier=sources | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | true",
      "pkg:maven/org.apache.logging.log4j/log4j-core | pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1 | true",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging.log4j/log4j-core@2.14 | false",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging.log4j/log4j-core | false",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1 | false",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | pkg:maven/org.apache.logging/log4j-core@2.14.1 | false",
      "pkg:deb/debian/libc6@2.36-9+deb12u1 | pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12 | true",
      "pkg:deb/debian/libc6 | pkg:deb/ubuntu/libc6@2.35-0ubuntu3?arch=amd64 | false",
      "pkg:npm/%40babel/traverse@7.22.5 | pkg:npm/@babel/traverse@7.22.5 | true",
      "pkg:npm/lodash@4.17.20 | pkg:pypi/lodash@4.17.20 | false",
      "pkg:golang/golang.org/x/net@v0.15.0#http2 | pkg:golang/golang.org/x/net@v0.15.0 | true",
      "log4j-core | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 | false",
  })
  void matches(String rule, String finding, boolean expected) {
    assertThat(PurlMatch.matches(rule, finding)).isEqualTo(expected);
  }
}
