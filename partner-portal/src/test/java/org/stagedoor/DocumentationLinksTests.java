package org.stagedoor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under docs/ link to each other and to files of the repository; a link that leads
 * nowhere in a clone (as the README's link to a folder outside the repository once did) fails the build.
 */
class DocumentationLinksTests {

    private static final Path ROOT = Path.of("..");

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static final Pattern FENCED = Pattern.compile("(?ms)^```.*?^```");

    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    /** A file or folder of the repository as the pages name it: {@code …} stands for the module's main sources. */
    private static final Pattern PATH_IN_PAGE = Pattern.compile(
            "`((?:booking-core|batch-jobs|scheduler|partner-portal|bench|sql|docs)/[^`\\s]*)`");

    /** Paths of documents as code mentions them, so that a moved page does not leave a comment pointing nowhere. */
    private static final Pattern DOCUMENT_IN_CODE = Pattern.compile("\\b((?:docs|bench)/[\\w./-]+\\.md)\\b");

    @Test
    void everyRelativeLinkOfTheDocumentationLeadsToAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(read(page))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + " links to " + target + ", which does not exist");
                }
                else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + " links to " + target + ", a heading that does not exist");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** "Where is X" and the pages name classes and packages: a class moved without its page fails here. */
    @Test
    void everyFileThePagesNameExists() {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            if (page.startsWith(ROOT.resolve("docs/decisions"))) {
                continue; // records say what was true when they were decided
            }
            Matcher matcher = PATH_IN_PAGE.matcher(read(page));
            while (matcher.find()) {
                String named = matcher.group(1);
                List<String> candidates = List.of(
                        named.replace("src/test/…", "src/test/java/org/stagedoor")
                            .replace("…", "src/main/java/org/stagedoor"),
                        named.replace("…", "src/main/resources"));
                if (candidates.stream().noneMatch(candidate -> Files.exists(ROOT.resolve(candidate)))) {
                    missing.add(ROOT.relativize(page) + " names " + named);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theReadmeFitsOnAScreenOrTwo() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void everyDocumentTheCodeNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String module : List.of("booking-core", "batch-jobs", "scheduler", "partner-portal")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src"))) {
                for (Path source : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                    Matcher matcher = DOCUMENT_IN_CODE.matcher(read(source));
                    while (matcher.find()) {
                        if (!Files.exists(ROOT.resolve(matcher.group(1)))) {
                            missing.add(ROOT.relativize(source) + " names " + matcher.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("bench/RESULTS.md")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pages;
    }

    private static List<String> links(String markdown) {
        String prose = CODE_SPAN.matcher(FENCED.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher matcher = LINK.matcher(prose);
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher matcher = HEADING.matcher(FENCED.matcher(markdown).replaceAll(""));
        while (matcher.find()) {
            String heading = matcher.group(1).toLowerCase(Locale.ROOT);
            anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
