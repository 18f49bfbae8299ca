package org.vatkernel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the vatkernel host: a SwingSet-style kernel whose vats run in xsnap workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VatKernelApplication {

	public static void main(String[] args) {
		SpringApplication.run(VatKernelApplication.class, args);
	}

}
