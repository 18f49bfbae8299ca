package org.vatkernel;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.vatkernel.runner.KernelRun;

/** Entry point of the vatkernel host: a SwingSet-style kernel whose vats run in xsnap workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VatKernelApplication {

	/** {@code run CONFIG …}: the one-shot runner (no web server); anything else: the node. */
	public static void main(String[] args) {
		if (args.length > 0 && "run".equals(args[0])) {
			System.exit(KernelRun.run(VatKernelApplication.class, Arrays.asList(args).subList(1, args.length),
					System.out, System.err));
		}
		SpringApplication.run(VatKernelApplication.class, args);
	}

}
