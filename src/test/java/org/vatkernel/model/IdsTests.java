package org.vatkernel.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The id records take SwingSet's forms and nothing else, and print and serialize as the string. */
class IdsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "v0", "v1", "v10", "v123456" })
	void vatIds(String id) {
		assertThat(VatId.of(id)).hasToString(id);
		assertThat(JSON.writeValueAsString(VatId.of(id))).isEqualTo("\"" + id + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v", "v01", "1", "x1", "v1 ", "V1", "v-1" })
	void notVatIds(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> VatId.of(id)).withMessage("not a vat id: " + id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ko0", "ko20", "kp40", "kd1" })
	void krefs(String kref) {
		KernelRef ref = KernelRef.of(kref);
		assertThat(ref).hasToString(kref);
		assertThat(ref.isObject()).isEqualTo(kref.startsWith("ko"));
		assertThat(ref.isPromise()).isEqualTo(kref.startsWith("kp"));
		assertThat(ref.isDevice()).isEqualTo(kref.startsWith("kd"));
		assertThat(JSON.writeValueAsString(ref)).isEqualTo("\"" + kref + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ko", "kx1", "ko01", "o+1", "ko-1", "KO1" })
	void notKrefs(String kref) {
		assertThatIllegalArgumentException().isThrownBy(() -> KernelRef.of(kref)).withMessage("not a kref: " + kref);
	}

	@ParameterizedTest
	@ValueSource(strings = { "o+0", "o-50", "p+7", "p-60", "d-70", "o+v3/1", "o+d5/2:0", "o+d12" })
	void vrefs(String vref) {
		VatRef ref = VatRef.of(vref);
		assertThat(ref).hasToString(vref);
		assertThat(ref.allocatedByVat()).isEqualTo(vref.charAt(1) == '+');
		assertThat(ref.isObject()).isEqualTo(vref.startsWith("o"));
		assertThat(ref.isPromise()).isEqualTo(vref.startsWith("p"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "o", "o+", "o+01", "x+1", "ko1", "p+v1/1", "o-v1/1" })
	void notVrefs(String vref) {
		assertThat(VatRef.isVatRef(vref)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> VatRef.of(vref)).withMessage("invalid vref " + vref);
	}

}
