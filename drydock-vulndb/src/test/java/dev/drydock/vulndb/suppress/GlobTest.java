package dev.drydock.vulndb.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "app/app.jar | app/app.jar | true",
      "app/app.jar | /app/app.jar | true",
      "./app/app.jar | app/app.jar | true",
      "app/app.jar | app/app.jar.bak | false",
      "app/*.jar | app/app.jar | true",
      "app/*.jar | app/lib/app.jar | false",
      "app/**/*.jar | app/lib/ext/log4j-core-2.14.1.jar | true",
      "app/**/*.jar | app/app.jar | true",
      "app/** | app/lib/x.jar | true",
      "**/package.json | package.json | true",
      "**/package.json | usr/src/app/node_modules/semver/package.json | true",
      "app/?.jar | app/a.jar | true",
      "app/?.jar | app/ab.jar | false",
      "usr/lib/python3.11/site-packages/*.dist-info/METADATA | usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA | true",
      "usr/lib/python3.11/site-packages/*.dist-info/METADATA | usr/lib/python3x11/site-packages/requests.dist-info/METADATA | false",
  })
  void matches(String glob, String path, boolean expected) {
    assertThat(Glob.of(glob).matches(path)).isEqualTo(expected);
  }
}
