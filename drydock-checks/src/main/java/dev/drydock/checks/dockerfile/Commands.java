package dev.drydock.checks.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Helpers over shell command text of RUN instructions. */
final class Commands {
  private static final Pattern SEPARATORS = Pattern.compile("&&|\\|\\||[;|\\n]");

  private Commands() {}

  /** The simple commands of a script (split on ;, &&, ||, | and newlines), each as words. */
  static List<List<String>> simpleCommands(String script) {
    List<List<String>> out = new ArrayList<>();
    for (String part : SEPARATORS.split(script)) {
      List<String> words = new ArrayList<>();
      for (String w : part.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w.replace("\"", "").replace("'", ""));
        }
      }
      if (!words.isEmpty()) {
        out.add(words);
      }
    }
    return out;
  }

  /** The packages an {@code apt-get install} (or {@code apt install}) names; empty when the command is not one. */
  static List<String> aptInstallPackages(List<String> words) {
    int i = 0;
    while (i < words.size() && (words.get(i).equals("sudo") || words.get(i).contains("="))) {
      i++;
    }
    if (i >= words.size() || !(words.get(i).equals("apt-get") || words.get(i).equals("apt"))) {
      return List.of();
    }
    int install = words.indexOf("install");
    if (install < 0) {
      return List.of();
    }
    List<String> pkgs = new ArrayList<>();
    for (int j = install + 1; j < words.size(); j++) {
      String w = words.get(j);
      if (w.equals("-o") || w.equals("-t") || w.equals("--target-release")) {
        j++;
      } else if (!w.startsWith("-")) {
        pkgs.add(w);
      }
    }
    return pkgs;
  }

  static boolean isAptInstall(List<String> words) {
    int i = words.indexOf("install");
    return i > 0 && (words.contains("apt-get") || words.contains("apt")) && words.indexOf("apt-get") < i;
  }
}
