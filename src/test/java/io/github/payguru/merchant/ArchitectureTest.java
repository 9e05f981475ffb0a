package io.github.payguru.merchant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layout's rules, checked on the compiled classes (README "Layout"):
 * {@code lambda → reconcile | events | orders → mp | phs → payguru | callback → store → kernel}, {@code aws} seen by
 * {@code events} and {@code lambda} only; {@code mp} and {@code phs} never see each other, nor {@code reconcile},
 * {@code events} and {@code orders} one another, nor {@code payguru} and {@code callback}; only {@code lambda}
 * implements {@code RequestHandler}; {@code dev} (local run
 * and tests only) is seen by nobody, nor any other class of {@code src/local/java} (not packaged); the kernel is plain
 * Java; no package cycle; no source file of {@code src/main} or {@code src/local} over 300 lines.
 */
class ArchitectureTest {

    static final String ROOT = "io.github.payguru.merchant";
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("kernel").definedBy(ROOT + ".kernel..")
                .layer("aws").definedBy(ROOT + ".aws..")
                .layer("store").definedBy(ROOT + ".store..")
                .layer("payguru").definedBy(ROOT + ".payguru..")
                .layer("callback").definedBy(ROOT + ".callback..")
                .layer("mp").definedBy(ROOT + ".mp..")
                .layer("phs").definedBy(ROOT + ".phs..")
                .layer("reconcile").definedBy(ROOT + ".reconcile..")
                .layer("events").definedBy(ROOT + ".events..")
                .layer("orders").definedBy(ROOT + ".orders..")
                .layer("lambda").definedBy(ROOT + ".lambda..")
                .layer("dev").definedBy(ROOT + ".dev..")
                .whereLayer("kernel").mayNotAccessAnyLayer()
                .whereLayer("aws").mayNotAccessAnyLayer()
                .whereLayer("aws").mayOnlyBeAccessedByLayers("events", "lambda", "dev")
                .whereLayer("store").mayOnlyAccessLayers("kernel")
                .whereLayer("payguru").mayOnlyAccessLayers("kernel", "store")
                .whereLayer("callback").mayOnlyAccessLayers("kernel", "store")
                .whereLayer("mp").mayOnlyAccessLayers("kernel", "store", "payguru", "callback")
                .whereLayer("phs").mayOnlyAccessLayers("kernel", "store", "payguru", "callback")
                .whereLayer("reconcile").mayOnlyAccessLayers("kernel", "store", "payguru", "callback", "mp", "phs")
                .whereLayer("events").mayOnlyAccessLayers("kernel", "aws", "store", "payguru", "callback", "mp", "phs")
                .whereLayer("orders").mayOnlyAccessLayers("kernel", "store", "payguru", "callback", "mp", "phs")
                .whereLayer("lambda").mayOnlyAccessLayers("kernel", "aws", "store", "payguru", "callback", "mp", "phs",
                        "reconcile", "events", "orders")
                .whereLayer("dev").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    /** A Lambda entry point is a thin handler in {@code lambda}; every other package holds what they call. */
    @Test
    void onlyLambdaImplementsRequestHandler() {
        classes().that().implement(RequestHandler.class).should().resideInAPackage(ROOT + ".lambda..")
                .as("only classes in ..lambda.. implement RequestHandler").check(CLASSES);
    }

    /** The table knows nothing of the callback protocol (answers, log lines) written through it. */
    @Test
    void theStoreNeverSeesTheCallbackLayer() {
        noClasses().that().resideInAPackage(ROOT + ".store..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".callback..").check(CLASSES);
    }

    /** The kernel keeps plain values (hex, fingerprints, amounts, ids); Payguru's formulas are {@code payguru}'s. */
    @Test
    void theKernelNeverSeesPayguru() {
        noClasses().that().resideInAPackage(ROOT + ".kernel..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".payguru..").check(CLASSES);
    }

    @Test
    void eachLineKeepsItsApiClientsToItself() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".mp..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".mp.api..").check(CLASSES);
        noClasses().that().resideOutsideOfPackages(ROOT + ".phs..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".phs.api..").check(CLASSES);
    }

    @Test
    void theKernelIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".kernel..").should().dependOnClassesThat().resideInAnyPackage(
                "com.amazonaws..", "software.amazon..", "com.fasterxml..", "io.quarkus..", "io.smallrye..",
                "io.vertx..", "jakarta..", "org.jboss..", "org.eclipse..").check(CLASSES);
    }

    @Test
    void noPackageCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The functions' code never refers to a class of the local run ({@code src/local/java}: the simulator, the local
     * gateway, the stream poller, the emulator launcher, {@code store.TableAdmin}), which the build moves out of the
     * artifact before packaging (pom.xml): so neither the JVM artifact nor the native image can miss one.
     */
    @Test
    void theFunctionsNeverSeeTheLocalRun() throws IOException {
        Set<String> local = topLevelClasses(Path.of("src/local/java"));
        assertTrue(local.contains(ROOT + ".store.TableAdmin"), local::toString);
        DescribedPredicate<JavaClass> ofTheLocalRun = DescribedPredicate.describe("of src/local/java",
                c -> local.contains(c.getName().replaceFirst("[$].*", "")));
        noClasses().that(DescribedPredicate.not(ofTheLocalRun)).should().dependOnClassesThat(ofTheLocalRun)
                .as("no class of src/main/java depends on a class of src/local/java").check(CLASSES);
    }

    private static Set<String> topLevelClasses(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/').replaceAll("[.]java$", "").replace('/', '.'))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void noMainSourceFileOver300Lines() throws IOException {
        for (Path main : List.of(Path.of("src/main/java"), Path.of("src/local/java"))) {
            assertTrue(Files.isDirectory(main), "run from the project directory");
            try (Stream<Path> files = Files.walk(main)) {
                List<String> tooLong = files.filter(p -> p.toString().endsWith(".java")).filter(p -> lines(p) > 300)
                        .map(p -> main.relativize(p) + " (" + lines(p) + " lines)").sorted().toList();
                assertEquals(List.of(), tooLong, "split these files");
            }
        }
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
