package org.vatkernel.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmallCapsTests {

	@Test
	void encodesPlainDataAsMarshalDoes() {
		assertThat(SmallCaps.encode(VatProtocolJson.parse("{\"b\":[1,\"!x\",null,true],\"a\":\"#y\",\"-k\":0}")))
			.isEqualTo("#{\"!-k\":0,\"a\":\"!#y\",\"b\":[1,\"!!x\",null,true]}");
		assertThat(SmallCaps.methargs("hello", List.of(VatProtocolJson.parse("\"world\""))).body())
			.isEqualTo("#[\"hello\",[\"world\"]]");
		assertThat(SmallCaps.error("vat terminated").body()).isEqualTo("#{\"#error\":\"vat terminated\",\"name\":\"Error\"}");
	}

	@Test
	void decodesPlainDataAndRefusesTheRest() {
		assertThat(SmallCaps.decode("#{\"a\":\"!!x\",\"n\":[1,2]}")).hasValueSatisfying(
				v -> assertThat(VatProtocolJson.write(v)).isEqualTo("{\"a\":\"!x\",\"n\":[1,2]}"));
		assertThat(SmallCaps.decode("#\"$0.Alleged: thing\"")).isEmpty();
		assertThat(SmallCaps.decode("#\"+12\"")).isEmpty();
		assertThat(SmallCaps.decode("#\"#undefined\"")).isEmpty();
		assertThat(SmallCaps.decode("#{\"#error\":\"boom\",\"name\":\"Error\"}")).isEmpty();
		assertThat(SmallCaps.errorMessage("#{\"#error\":\"boom\",\"name\":\"TypeError\"}")).hasValue("boom");
	}

}
