package org.vatkernel.model;

/** Whether a vat runs; a terminated vat never runs again (its id is never reused). */
public enum VatState {

	RUNNING,

	TERMINATED

}
