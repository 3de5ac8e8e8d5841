package dev.drydock.checks;

import dev.drydock.model.Misconfiguration;
import java.util.List;

/**
 * Checks one kind of configuration file (Dockerfile, Kubernetes manifest, compose file, docker inspect
 * output, CloudFormation template, IAM policy). One class per kind, listed in {@link ConfigCheckers}.
 * Checkers are stateless and thread-safe.
 */
public interface ConfigChecker {

  /**
   * The check family ({@code dockerfile}, {@code kubernetes}, {@code compose}, {@code docker-inspect},
   * {@code cloudformation}, {@code iam}); also what {@link dev.drydock.model.ScanResult#checksRun()} lists.
   */
  String family();

  /**
   * Whether this checker handles the file. Cheap: a test on the file name and on the text (which is
   * already in memory), no parsing beyond a few string searches.
   *
   * @param fileName the file's name (last path element)
   * @param text the whole file as UTF-8
   */
  boolean accepts(String fileName, String text);

  /**
   * The findings in one file, sorted by line then rule id.
   *
   * @param file the path reported in findings and messages (as the user gave it)
   * @throws dev.drydock.model.DrydockException for a file that cannot be read as its kind; the message
   *     starts with {@code file:line:} and is one line
   */
  List<Misconfiguration> check(String file, String text);
}
