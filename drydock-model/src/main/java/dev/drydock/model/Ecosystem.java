package dev.drydock.model;

/** Where a package comes from; decides its purl type and, later, which advisories may match it. */
public enum Ecosystem {
  DEB("deb", true),
  APK("apk", true),
  RPM("rpm", true),
  MAVEN("maven", false),
  NPM("npm", false),
  PYPI("pypi", false),
  GOLANG("golang", false),
  GEM("gem", false),
  CARGO("cargo", false),
  NUGET("nuget", false),
  COMPOSER("composer", false);

  private final String purlType;
  private final boolean os;

  Ecosystem(String purlType, boolean os) {
    this.purlType = purlType;
    this.os = os;
  }

  public String purlType() {
    return purlType;
  }

  /** True for packages owned by the operating system's package manager. */
  public boolean isOs() {
    return os;
  }
}
