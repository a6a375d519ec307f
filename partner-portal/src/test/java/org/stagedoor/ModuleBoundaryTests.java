package org.stagedoor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import org.stagedoor.cli.CommandLine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module map of the README, declared and checked on the compiled classes with ArchUnit (why ArchUnit: see
 * docs/decisions/0015-module-boundaries-declared-with-archunit.md). Each Maven module keeps to its root package,
 * depends only on the modules below it, the packages have no cycles, and a package reaches another package only
 * through the types that package's {@code package-info.java} declares on its "API:" line.
 */
class ModuleBoundaryTests {

    /** The Maven modules from the bottom up: each may depend on those before it, never on those after it. */
    enum Module {

        BOOKING("booking-core", "org.stagedoor.booking"),
        // The application keeps its demo loader in org.stagedoor.demo: the demo module owns two packages below it.
        DEMO("demo", "org.stagedoor.demo.generator", "org.stagedoor.demo.database"),
        BATCH("batch-jobs", "org.stagedoor.batch"),
        SCHEDULER("scheduler", "org.stagedoor.scheduler"),
        APPLICATION("partner-portal", "org.stagedoor");

        final String directory;

        final List<String> rootPackages;

        Module(String directory, String... rootPackages) {
            this.directory = directory;
            this.rootPackages = List.of(rootPackages);
        }

        /** The module whose packages hold this package: the application has what the modules below leave over. */
        static Module ofPackage(String packageName) {
            for (Module module : values()) {
                if (module != APPLICATION && module.rootPackages.stream().anyMatch(root -> packageName.equals(root)
                        || packageName.startsWith(root + "."))) {
                    return module;
                }
            }
            return APPLICATION;
        }

        /** The module the class was built in, from where its class file was loaded: its target folder or its jar. */
        static Optional<Module> builtIn(JavaClass javaClass) {
            String location = javaClass.getSource().map(source -> source.getUri().toString()).orElse("");
            return Arrays.stream(values())
                    .filter(module -> location.contains("/" + module.directory + "/target/")
                            || location.contains("/stagedoor-" + module.directory + "-"))
                    .findFirst();
        }

    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.stagedoor");

    private static final Pattern API_LINE = Pattern.compile("\\bAPI:([^*]*(?:\\*(?!/)[^*]*)*)\\*/", Pattern.DOTALL);

    private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z]\\w*\\b");

    private final Map<String, PackageInfo> packageInfos = new ConcurrentHashMap<>();

    @Test
    void eachModuleIsBuiltFromClassesInItsOwnRootPackage() {
        classes().that()
                .resideInAPackage("org.stagedoor..")
                .should(resideInTheRootPackageOfTheModuleTheyAreBuiltIn())
                .check(MAIN);
    }

    @Test
    void noModuleDependsOnAModuleAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("booking-core").definedBy(inModule(Module.BOOKING))
                .layer("demo").definedBy(inModule(Module.DEMO))
                .layer("batch-jobs").definedBy(inModule(Module.BATCH))
                .layer("scheduler").definedBy(inModule(Module.SCHEDULER))
                .layer("partner-portal").definedBy(inModule(Module.APPLICATION))
                .whereLayer("partner-portal").mayNotBeAccessedByAnyLayer()
                .whereLayer("scheduler").mayOnlyBeAccessedByLayers("partner-portal")
                .whereLayer("batch-jobs").mayOnlyBeAccessedByLayers("scheduler", "partner-portal")
                .whereLayer("demo").mayOnlyBeAccessedByLayers("partner-portal")
                .whereLayer("booking-core")
                .mayOnlyBeAccessedByLayers("demo", "batch-jobs", "scheduler", "partner-portal")
                .check(MAIN);
    }

    /**
     * Known exception: the application class hands its arguments to the command line, and the command line starts
     * the same application class (without the web server). Passing the class in instead would change
     * {@code CommandLine.run}'s signature, which four test classes call; it is a bootstrap, not a feature, so it stays.
     */
    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(eachPackage())
                .should()
                .beFreeOfCycles()
                .ignoreDependency(StagedoorApplication.class, CommandLine.class)
                .check(MAIN);
    }

    @Test
    void packagesReachOtherPackagesOnlyThroughTheirDeclaredApi() {
        classes().that()
                .resideInAPackage("org.stagedoor..")
                .should(useOtherPackagesOnlyThroughTheirDeclaredApi())
                .check(MAIN);
    }

    /** A module's tables are reached through its services, never through another module's use of its repositories. */
    @Test
    void repositoriesAreUsedOnlyInsideTheirOwnModule() {
        for (Module module : Module.values()) {
            classes().that(inModule(module))
                    .and(areSpringDataRepositories())
                    .should()
                    .onlyHaveDependentClassesThat(inModule(module))
                // booking-core has repositories: finding none there would mean the rule checks nothing.
                .allowEmptyShould(module != Module.BOOKING)
                .check(MAIN);
        }
    }

    @Test
    void everyPackageSaysWhatItIsForAndDeclaresTypesOfItsOwnAsApi() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> publicTypes = new TreeMap<>();
        for (JavaClass javaClass : MAIN) {
            if (javaClass.isTopLevelClass() && javaClass.getPackageName().startsWith("org.stagedoor")) {
                Set<String> types = publicTypes.computeIfAbsent(javaClass.getPackageName(), name -> new TreeSet<>());
                if (javaClass.getModifiers().contains(JavaModifier.PUBLIC)) {
                    types.add(javaClass.getSimpleName());
                }
            }
        }
        publicTypes.forEach((packageName, types) -> {
            PackageInfo info = packageInfo(packageName);
            if (!info.exists()) {
                problems.add(info.path() + " is missing");
            }
            else if (!info.declaresApi()) {
                problems.add(info.path()
                        + " has no \"API:\" line (write \"API: none.\" for a package nobody else uses)");
            }
            else if (!info.purpose()) {
                problems.add(info.path() + " does not say what the package is for before its \"API:\" line");
            }
            else {
                info.api()
                        .stream()
                        .filter(name -> !types.contains(name))
                        .forEach(name -> problems.add(info.path() + " declares " + name
                                + " as API, but " + packageName + " has no public type of that name"));
            }
        });
        assertThat(problems).isEmpty();
    }

    private static ArchCondition<JavaClass> resideInTheRootPackageOfTheModuleTheyAreBuiltIn() {
        return new ArchCondition<>("reside in the root package of the Maven module they are built in") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<Module> builtIn = Module.builtIn(javaClass);
                if (builtIn.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is built in a module "
                            + "this test does not know (" + javaClass.getSource().map(Object::toString).orElse("?")
                            + "): add it to ModuleBoundaryTests.Module"));
                }
                else if (Module.ofPackage(javaClass.getPackageName()) != builtIn.get()) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is built in "
                            + builtIn.get().directory + " but lies in the package of "
                            + Module.ofPackage(javaClass.getPackageName()).directory));
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> inModule(Module module) {
        return DescribedPredicate.describe("in " + module.directory + "'s packages",
                javaClass -> javaClass.getPackageName().startsWith("org.stagedoor")
                        && Module.ofPackage(javaClass.getPackageName()) == module);
    }

    /** Judged on the interfaces a repository extends itself, as the libraries' classes are not imported. */
    private static DescribedPredicate<JavaClass> areSpringDataRepositories() {
        return DescribedPredicate.describe("are Spring Data repositories",
                javaClass -> javaClass.getRawInterfaces()
                        .stream()
                        .anyMatch(type -> type.getPackageName().equals("org.springframework.data.repository")));
    }

    /** One slice per package (not per module), so that the feature packages inside a module are kept acyclic too. */
    private static SliceAssignment eachPackage() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return javaClass.getPackageName().startsWith("org.stagedoor")
                        ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of org.stagedoor";
            }
        };
    }

    private ArchCondition<JavaClass> useOtherPackagesOnlyThroughTheirDeclaredApi() {
        return new ArchCondition<>(
                "use other packages only through the types their package-info.java declares as API") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    JavaClass target = topLevel(dependency.getTargetClass().getBaseComponentType());
                    String targetPackage = target.getPackageName();
                    if (targetPackage.startsWith("org.stagedoor") && !targetPackage.equals(javaClass.getPackageName())
                            && !packageInfo(targetPackage).api().contains(target.getSimpleName())) {
                        events.add(SimpleConditionEvent.violated(javaClass, dependency.getDescription() + ": "
                                + target.getSimpleName() + " is not on the \"API:\" line of "
                                + packageInfo(targetPackage).path()));
                    }
                }
            }
        };
    }

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private PackageInfo packageInfo(String packageName) {
        return this.packageInfos.computeIfAbsent(packageName, ModuleBoundaryTests::readPackageInfo);
    }

    /** The sources are read from the module folder next to this one, as the build runs tests in the module folder. */
    private static PackageInfo readPackageInfo(String packageName) {
        Module module = Module.ofPackage(packageName);
        Path path = Path.of("..", module.directory, "src", "main", "java")
                .resolve(packageName.replace('.', '/'))
                .resolve("package-info.java");
        if (!Files.isRegularFile(path)) {
            return new PackageInfo(path, false, false, false, Set.of());
        }
        try {
            String text = Files.readString(path);
            Matcher api = API_LINE.matcher(text);
            if (!api.find()) {
                return new PackageInfo(path, true, false, false, Set.of());
            }
            String before = text.substring(text.indexOf("/**") + 3, api.start()).replace("*", "").strip();
            Set<String> names = new LinkedHashSet<>();
            Matcher name = TYPE_NAME.matcher(api.group(1));
            while (name.find()) {
                names.add(name.group());
            }
            return new PackageInfo(path, true, true, !before.isEmpty(), names);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record PackageInfo(Path path, boolean exists, boolean declaresApi, boolean purpose, Set<String> api) {
    }

}
