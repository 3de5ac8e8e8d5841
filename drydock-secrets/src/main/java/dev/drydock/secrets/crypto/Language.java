package dev.drydock.secrets.crypto;

import java.util.Locale;

/** The source languages the weak-crypto scanner reads, each recognised by its file extensions. */
public enum Language {
  JAVA("Java", ".java"),
  KOTLIN("Kotlin", ".kt", ".kts"),
  PYTHON("Python", ".py"),
  JAVASCRIPT("JavaScript/TypeScript", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"),
  GO("Go", ".go"),
  CSHARP("C#", ".cs");

  private final String displayName;
  private final String[] extensions;

  Language(String displayName, String... extensions) {
    this.displayName = displayName;
    this.extensions = extensions;
  }

  /** The name shown in docs ("Java", "C#", ...). */
  public String displayName() {
    return displayName;
  }

  /** The language of a file by its extension (case-insensitive), or null when it is none of ours. */
  public static Language of(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".d.ts")) {
      return null;
    }
    for (Language lang : values()) {
      for (String ext : lang.extensions) {
        if (name.endsWith(ext)) {
          return lang;
        }
      }
    }
    return null;
  }

  /** Whether the language writes line comments with '#' (otherwise '//'). */
  boolean hashComments() {
    return this == PYTHON;
  }
}
