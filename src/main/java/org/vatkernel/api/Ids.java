package org.vatkernel.api;

/** The syntax of the ids the API accepts, checked before anything is looked up. */
final class Ids {

	static final String VAT_ID = "v[1-9][0-9]{0,9}";

	static final String KREF = "ko[0-9]{1,15}";

	static final String KPID = "kp[0-9]{1,15}";

	static final String BUNDLE_ID = "b1-[0-9a-f]{128}";

	static final String VAT_ID_MESSAGE = "must be a vat id such as v1";

	static final String KREF_MESSAGE = "must be a kernel object id such as ko20";

	static final String KPID_MESSAGE = "must be a kernel promise id such as kp40";

	static final String BUNDLE_ID_MESSAGE = "must be a bundle id: b1- and 128 lowercase hex digits";

	/** Page sizes: {@code limit} defaults to this and may be at most {@link #MAX_LIMIT}. */
	static final String DEFAULT_LIMIT = "100";

	static final int MAX_LIMIT = 1000;

	private Ids() {
	}

}
