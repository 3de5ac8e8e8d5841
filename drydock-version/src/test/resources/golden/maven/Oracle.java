import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Reference answers from Maven's ComparableVersion (maven-artifact). Reads "a<TAB>b" lines from stdin,
 * prints "a<TAB>op<TAB>b". Run: java -cp maven-artifact-VERSION.jar Oracle.java < pairs.txt
 */
public class Oracle {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    for (String line; (line = in.readLine()) != null; ) {
      String[] p = line.split("\t", -1);
      if (p.length != 2) {
        continue;
      }
      int c = new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1]));
      out.println(p[0] + "\t" + (c < 0 ? "<" : c > 0 ? ">" : "=") + "\t" + p[1]);
    }
    out.flush();
  }
}
