package weka.classifiers.functions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probes of {@code bench/kernel-shape/} that bench/README.md quotes, each run with the one
 * command in its class comment ({@code java -cp target/classes bench/kernel-shape/X.java}), still
 * compile against the engine's classes. They live outside the build, so nothing else notices
 * when an engine method they call changes its signature; one that had (a flag added to {@code
 * Kernels.addTransposedProduct}) failed its documented command until this test was written.
 */
class KernelShapeProbesTest {

  static Stream<Path> probes() throws IOException {
    try (Stream<Path> files = Files.list(Paths.get("bench", "kernel-shape"))) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList());
      assertFalse(java.isEmpty(), "no probes in bench/kernel-shape");
      return java.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void probeCompilesAgainstTheEngine(Path probe, @TempDir Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests run on a JDK, whose compiler the probes' command uses");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
        "-nowarn", "-XDsuppressNotes", "-cp", System.getProperty("java.class.path"),
        "-d", out.toString(), probe.toString());
    assertEquals(0, status, probe + " no longer compiles:\n"
        + errors.toString(StandardCharsets.UTF_8));
  }
}
