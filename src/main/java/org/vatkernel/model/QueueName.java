package org.vatkernel.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kernel's three queues, by the names the kernel DB and the API use. Cranks take the reap
 * queue first, then the acceptance queue, then the run queue (SwingSet's order).
 */
public enum QueueName implements WireNamed {

	ACCEPTANCE("acceptance"),

	RUN("run"),

	REAP("reap");

	private final String wireName;

	QueueName(String wireName) {
		this.wireName = wireName;
	}

	@Override
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public static QueueName ofWireName(String name) {
		return WireNamed.of(QueueName.class, name);
	}

}
