package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user's guide and the measurement notes link to each other by file and heading ({@code
 * doc/text.md#which-data-take-the-sparse-route}), and the code cites the measurements behind a
 * choice by file and section ({@code bench/README.md, "Inputs split in two"}); a heading renamed
 * or a file moved leaves a link or a citation that leads nowhere. Checked here for {@code
 * README.md}, {@code bench/README.md} and {@code doc/*.md}: every relative link names a file that
 * exists and, where it names a heading, a heading of that file (the anchors as GitHub makes them:
 * lower case, punctuation dropped, spaces as hyphens, a repeated heading numbered); every such
 * citation, in those files and in the sources, names the start of a heading or of a bold
 * paragraph label of the file cited; and {@code bench/README.md}'s contents list names every
 * section of the file.
 */
class DocumentationLinksTest {

  private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  /** A citation: a notes file, a comma, perhaps the word section, a section's title quoted. */
  private static final Pattern CITATION =
      Pattern.compile("((?:bench/README|doc/[a-z-]+)\\.md),?\\s+(?:section\\s+)?\"([^\"]+)\"");
  /** A bold paragraph label, as measurement notes start their paragraphs. */
  private static final Pattern LABEL = Pattern.compile("\\*\\*([^*]+)\\*\\*");

  /** The documents checked, as paths relative to the repository's root. */
  private static List<Path> documents() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Paths.get("README.md"),
        Paths.get("bench", "README.md")));
    try (Stream<Path> doc = Files.list(Paths.get("doc"))) {
      files.addAll(doc.filter(p -> p.toString().endsWith(".md")).sorted()
          .collect(Collectors.toList()));
    }
    return files;
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path file : documents()) {
      int n = 0;
      for (String line : prose(file)) {
        n++;
        if (line == null) {
          continue;
        }
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // http:, https:, mailto:
          }
          int hash = target.indexOf('#');
          String name = hash < 0 ? target : target.substring(0, hash);
          Path linked = name.isEmpty() ? file : resolve(file, name);
          if (!Files.exists(linked)) {
            broken.add(file + ":" + n + ": no file " + target);
          } else if (hash >= 0 && linked.toString().endsWith(".md")
              && !anchors(linked).contains(target.substring(hash + 1))) {
            broken.add(file + ":" + n + ": no heading " + target);
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void everyCitationNamesASectionOfTheFileCited() throws IOException {
    List<Path> files = documents();
    try (Stream<Path> src = Files.walk(Paths.get("src"))) {
      files.addAll(src.filter(p -> p.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList()));
    }
    Map<String, List<String>> titles = new HashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (Path file : files) {
      // a citation may break across lines of a comment
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
          .replaceAll("\\n\\s*(?:\\*|//)?\\s*", " ");
      Matcher m = CITATION.matcher(text);
      while (m.find()) {
        String cited = m.group(1);
        String section = m.group(2).replace("`", "");
        List<String> known = titles.computeIfAbsent(cited, DocumentationLinksTest::titles);
        if (known.stream().noneMatch(t -> t.startsWith(section))) {
          unresolved.add(file + ": " + cited + ", \"" + m.group(2) + "\"");
        }
      }
    }
    assertEquals(List.of(), unresolved);
  }

  /** The file's headings and bold paragraph labels, backquotes dropped. */
  private static List<String> titles(String name) {
    Path file = Paths.get(name);
    try {
      List<String> out = new ArrayList<>();
      for (String heading : headings(file)) {
        out.add(heading.replace("`", ""));
      }
      for (String line : prose(file)) {
        Matcher b = line == null ? null : LABEL.matcher(line);
        while (b != null && b.find()) {
          out.add(b.group(1).replace("`", ""));
        }
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The text of the file's headings, outside fenced code blocks, in order. */
  private static List<String> headings(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : prose(file)) {
      Matcher m = line == null ? null : HEADING.matcher(line);
      if (m != null && m.matches()) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  @Test
  void benchReadmeContentsListEverySection() throws IOException {
    Path bench = Paths.get("bench", "README.md");
    String text = new String(Files.readAllBytes(bench), StandardCharsets.UTF_8);
    int start = text.indexOf("\n## Contents\n");
    int end = text.indexOf("\n## ", start + 1);
    String contents = text.substring(start, end);
    List<String> missing = new ArrayList<>();
    for (String line : prose(bench)) {
      Matcher m = line == null ? null : HEADING.matcher(line);
      if (m != null && m.matches() && m.group(1).equals("##") && !m.group(2).equals("Contents")
          && !contents.contains("(#" + anchor(m.group(2)) + ")")) {
        missing.add(m.group(2));
      }
    }
    assertEquals(List.of(), missing, "sections of bench/README.md missing from its contents");
  }

  private static Path resolve(Path from, String name) {
    Path dir = from.getParent();
    return (dir == null ? Paths.get(name) : dir.resolve(name)).normalize();
  }

  /** The file's lines, with those inside fenced code blocks (and the fences) as null. */
  private static List<String> prose(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      boolean fence = line.trim().startsWith("```");
      fenced ^= fence;
      out.add(fence || fenced ? null : line);
    }
    return out;
  }

  private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

  /** The anchors of the file's headings, a repeated one numbered from -1 as GitHub does. */
  private static Set<String> anchors(Path file) throws IOException {
    Set<String> known = ANCHORS.get(file);
    if (known == null) {
      known = new LinkedHashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      for (String heading : headings(file)) {
        String a = anchor(heading);
        int repeat = seen.merge(a, 1, Integer::sum) - 1;
        known.add(repeat == 0 ? a : a + "-" + repeat);
      }
      ANCHORS.put(file, known);
    }
    return known;
  }

  /** A heading's anchor: link text kept, lower case, punctuation dropped, spaces as hyphens. */
  private static String anchor(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{Nd}\\p{Mn}\\p{Pc} -]", "").replace(' ', '-');
  }
}
