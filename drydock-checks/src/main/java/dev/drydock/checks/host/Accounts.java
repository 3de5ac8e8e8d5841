package dev.drydock.checks.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** User and group names of the audited host, from its {@code /etc/passwd} and {@code /etc/group}. */
final class Accounts {
  /** One {@code /etc/group} entry. */
  record Group(String name, int gid, List<String> members, int line) {}

  private final Map<Integer, String> users = new HashMap<>();
  private final Map<Integer, Integer> primaryGroups = new HashMap<>();
  private final Map<Integer, String> groupNames = new HashMap<>();
  private final Map<String, Group> groups = new HashMap<>();

  Accounts(HostRoot root) {
    root.read("/etc/passwd").ifPresent(text -> {
      for (String line : text.split("\n", -1)) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && !line.startsWith("#")) {
          parse(f[2]).ifPresent(uid -> {
            users.putIfAbsent(uid, f[0]);
            parse(f[3]).ifPresent(gid -> primaryGroups.putIfAbsent(uid, gid));
          });
        }
      }
    });
    root.read("/etc/group").ifPresent(text -> {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String[] f = lines[i].split(":", -1);
        int n = i + 1;
        if (f.length >= 3 && !lines[i].startsWith("#")) {
          parse(f[2]).ifPresent(gid -> {
            groupNames.putIfAbsent(gid, f[0]);
            List<String> members = new ArrayList<>();
            if (f.length >= 4) {
              for (String m : f[3].split(",")) {
                if (!m.isBlank()) {
                  members.add(m.trim());
                }
              }
            }
            groups.putIfAbsent(f[0], new Group(f[0], gid, List.copyOf(members), n));
          });
        }
      }
    });
  }

  private static java.util.Optional<Integer> parse(String s) {
    try {
      return java.util.Optional.of(Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** The name of user {@code uid}, or its number. */
  String user(int uid) {
    return users.getOrDefault(uid, Integer.toString(uid));
  }

  /** The name of group {@code gid}, or its number. */
  String group(int gid) {
    return groupNames.getOrDefault(gid, Integer.toString(gid));
  }

  /** The group called {@code name}, or null. */
  Group group(String name) {
    return groups.get(name);
  }

  /** Users whose primary group is {@code gid}. */
  List<String> usersWithPrimaryGroup(int gid) {
    List<String> out = new ArrayList<>();
    primaryGroups.forEach((uid, g) -> {
      if (g == gid) {
        out.add(user(uid));
      }
    });
    out.sort(null);
    return out;
  }

  /** {@code uid:gid (user:group)} for evidence. */
  String owner(int uid, int gid) {
    return uid + ":" + gid + " (" + user(uid) + ":" + group(gid) + ")";
  }
}
