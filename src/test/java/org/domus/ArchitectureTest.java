package org.domus;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import javafx.application.Platform;
import org.domus.app.Launcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, checked on the production classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() throws URISyntaxException {
        // The folder (or jar) of the main classes, wherever the build put it (builds may use -Dbuild.dir=...).
        Path mainClasses = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // Only our packages: broker keeps a small shim inside Moquette's own package (io.moquette.broker),
        // which the Moquette rule covers from the broker side.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(mainClasses)
                .that(JavaClass.Predicates.resideInAPackage("org.domus.."));
    }

    @Test
    void onlyUiAndAppUseJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.domus.ui..", "org.domus.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the core runs headless: only ui (and app's launcher) may import JavaFX");
        rule.check(classes);
    }

    @Test
    void onlyBrokerUsesMoquetteAndNetty() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.domus.broker..")
                .should().dependOnClassesThat().resideInAnyPackage("io.moquette..", "io.netty..")
                .because("nothing but broker knows the broker is Moquette");
        rule.check(classes);
    }

    @Test
    void onlyStoreUsesJdbc() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.domus.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .because("SQLite is the store's business");
        rule.check(classes);
    }

    @Test
    void onlySimulatorsAndBrokerUseTheMqttClient() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.domus.sim..", "org.domus.broker..")
                .should().dependOnClassesThat().resideInAPackage("com.hivemq..")
                .because("simulators talk MQTT, and broker reads an external broker; nothing else subscribes");
        rule.check(classes);
    }

    @Test
    void modelEditingAndAccessUseOnlyTheModelAndTheStore() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.domus.house..", "org.domus.access..")
                .should().dependOnClassesThat().resideInAnyPackage("org.domus.broker..", "org.domus.ingest..",
                        "org.domus.command..", "org.domus.sim..", "org.domus.provision..", "org.domus.rules..",
                        "org.domus.ui..")
                .because("editing the house model and the installer PIN are core services on the store");
        rule.check(classes);
    }

    @Test
    void provisioningDependsOnlyOnModelAndStore() {
        ArchRule rule = noClasses().that().resideInAPackage("org.domus.provision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.domus.broker..", "org.domus.ingest..",
                        "org.domus.command..", "org.domus.sim..", "org.domus.rules..", "org.domus.ui..",
                        "org.domus.app..")
                .because("provision makes hub bundles from the house model and the store (DESIGN.md, packages)");
        rule.check(classes);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("org.domus.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingDependsOnApp() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.domus.app..")
                .should().dependOnClassesThat().resideInAPackage("org.domus.app..")
                .because("app wires everything together; nothing may depend on the wiring");
        rule.check(classes);
    }

    @Test
    void rulesImportOnlyModelAndStore() {
        ArchRule rule = noClasses().that().resideInAPackage("org.domus.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.domus.broker..", "org.domus.ingest..",
                        "org.domus.command..", "org.domus.sim..", "org.domus.provision..", "org.domus.ui..",
                        "org.domus.app..")
                .because("rules may import model and store only (DESIGN.md); commands go through its CommandPort");
        rule.check(classes);
    }

    @Test
    void noStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .because("output goes through SLF4J, or picocli's writers for command output")
                .check(classes);
    }

    @Test
    void noJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    }

    @Test
    void onlyTheFrameBridgeCallsRunLater() {
        DescribedPredicate<JavaAccess<?>> runLater = describe("Platform.runLater",
                access -> access.getTargetOwner().isEquivalentTo(Platform.class) && access.getName().equals("runLater"));
        // Calls and method references (Platform::runLater) alike.
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.domus.ui.fx..")
                .should().accessTargetWhere(runLater)
                .because("the FX thread gets coalesced batches through ui.fx.FrameBridge, never a runLater per message");
        rule.check(classes);
    }
}
