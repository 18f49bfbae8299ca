package org.vatkernel.kernel;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.vatkernel.kernel.gc.RefcountAudit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After each test of a Spring kernel test: once the kernel is idle, every reference count must
 * add up ({@link RefcountAudit}); garbage collection relies on them.
 */
public class RefcountsAreExact implements AfterEachCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		TestConfigs.awaitIdle(application.getBean(KernelRunner.class));
		assertThat(application.getBean(RefcountAudit.class).check()).as("refcount differences").isEmpty();
	}

}
