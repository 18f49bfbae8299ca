package org.vatkernel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module layout of {@code docs/architecture.md}, true by construction: every top-level
 * package is a Spring Modulith module whose allowed dependencies its {@code package-info.java}
 * declares, and ArchUnit says what Modulith cannot (which module may touch SQL, processes, HTTP).
 */
class ModularityTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.vatkernel");

	@Test
	void modulesOnlyUseWhatTheyDeclare() {
		ApplicationModules.of(VatKernelApplication.class).verify();
	}

	@Test
	void onlyTheStateModuleTalksSql() {
		check(noClasses().that()
			.resideOutsideOfPackage("org.vatkernel.state..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
			.because("the kernel DB is read and written only through the state module's stores"));
	}

	@Test
	void onlyTheWorkerModuleStartsProcesses() {
		check(noClasses().that()
			.resideOutsideOfPackage("org.vatkernel.worker..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName(ProcessBuilder.class.getName())
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(Process.class.getName())
			.because("subprocesses are supervised in one place"));
	}

	@Test
	void theKernelKnowsNothingOfHttp() {
		check(noClasses().that()
			.resideInAnyPackage("org.vatkernel.kernel..", "org.vatkernel.state..", "org.vatkernel.vat..",
					"org.vatkernel.worker..", "org.vatkernel.model..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
			.because("HTTP is the api module's business"));
	}

	@Test
	void theWorkerModuleKnowsNothingOfTransactions() {
		check(noClasses().that()
			.resideInAPackage("org.vatkernel.worker..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.transaction..", "org.springframework.jdbc..")
			.because("a worker is a process with a pipe; commits are the kernel's"));
	}

	private static void check(ArchRule rule) {
		rule.check(CLASSES);
	}

}
