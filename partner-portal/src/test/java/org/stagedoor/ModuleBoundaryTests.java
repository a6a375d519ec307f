package org.stagedoor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module map of the README, checked on the sources: each module keeps to its root package, imports
 * only from the modules below it, and the feature packages inside a module have no cycles.
 */
class ModuleBoundaryTests {

    private static final Pattern STAGEDOOR_IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?org\\.stagedoor\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]", Pattern.MULTILINE);

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+org\\.stagedoor((?:\\.[a-z]\\w*)*);",
            Pattern.MULTILINE);

    /** Module directory, its root package (below org.stagedoor), and the roots it may import from. */
    private static final List<Module> MODULES = List.of(
            new Module("booking-core", "booking", Set.of("booking")),
            new Module("batch-jobs", "batch", Set.of("booking", "batch")),
            new Module("scheduler", "scheduler", Set.of("booking", "batch", "scheduler")));

    @Test
    void eachModuleImportsOnlyFromTheModulesBelowIt() {
        List<String> violations = new ArrayList<>();
        for (Module module : MODULES) {
            for (Source source : sources(module.directory())) {
                if (!source.packageName().equals(module.root())
                        && !source.packageName().startsWith(module.root() + ".")) {
                    violations.add(source.path() + " is in package org.stagedoor." + source.packageName()
                            + ", outside its module's org.stagedoor." + module.root());
                }
                for (String imported : source.imports()) {
                    String root = imported.split("\\.")[0];
                    if (!module.mayImport().contains(root)) {
                        violations.add(source.path() + " imports org.stagedoor." + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theApplicationModuleKeepsOutOfTheOtherModulesPackages() {
        List<String> violations = new ArrayList<>();
        for (Source source : sources("partner-portal")) {
            String root = source.packageName().split("\\.")[0];
            if (MODULES.stream().anyMatch(module -> module.root().equals(root))) {
                violations.add(source.path() + " is in another module's package org.stagedoor." + source.packageName());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void featurePackagesHaveNoCycles() {
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (String directory : List.of("booking-core", "batch-jobs", "scheduler", "partner-portal")) {
            for (Source source : sources(directory)) {
                Set<String> uses = dependencies.computeIfAbsent(source.packageName(), name -> new TreeSet<>());
                source.imports().stream().filter(imported -> !imported.equals(source.packageName())).forEach(uses::add);
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : new TreeSet<>(dependencies.keySet())) {
            findCycle(start, start, dependencies, new HashSet<>(), new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).isEmpty();
    }

    private static void findCycle(String start, String current, Map<String, Set<String>> dependencies, Set<String> seen,
            List<String> path, List<String> cycles) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            }
            else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, dependencies, seen, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static List<Source> sources(String moduleDirectory) {
        Path root = Path.of("..", moduleDirectory, "src", "main", "java");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(ModuleBoundaryTests::read).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Source read(Path file) {
        try {
            String text = Files.readString(file);
            Matcher packageMatcher = PACKAGE.matcher(text);
            String packageName = packageMatcher.find() && !packageMatcher.group(1).isEmpty()
                    ? packageMatcher.group(1).substring(1) : "";
            Set<String> imports = new TreeSet<>();
            Matcher imported = STAGEDOOR_IMPORT.matcher(text);
            while (imported.find()) {
                imports.add(imported.group(1));
            }
            return new Source(file, packageName, imports);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Module(String directory, String root, Set<String> mayImport) {
    }

    private record Source(Path path, String packageName, Set<String> imports) {
    }
}
