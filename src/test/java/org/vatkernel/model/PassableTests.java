package org.vatkernel.model;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Smallcaps capdata as devices read and write it (@endo/marshal's encoding). */
class PassableTests {

	@Test
	void readsWhatVatAdminSends() {
		CapData args = new CapData("#[\"b1-abc\",{\"critical\":false,\"meterID\":\"#undefined\",\"name\":\"!$odd\","
				+ "\"vatParameters\":{\"friend\":\"$0.Alleged: friend\",\"n\":\"+12\",\"m\":\"-3\",\"x\":1.5}}]",
				List.of("ko30"));
		Object decoded = Passable.decode(args);
		assertThat(decoded).isInstanceOf(List.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> options = (Map<String, Object>) ((List<Object>) decoded).get(1);
		assertThat(options.get("meterID")).isSameAs(Passable.UNDEFINED);
		assertThat(options.get("name")).isEqualTo("$odd");
		@SuppressWarnings("unchecked")
		Map<String, Object> parameters = (Map<String, Object>) options.get("vatParameters");
		assertThat(parameters).containsEntry("friend", new Passable.Ref("ko30", "Alleged: friend"))
			.containsEntry("n", BigInteger.valueOf(12))
			.containsEntry("m", BigInteger.valueOf(-3))
			.containsEntry("x", 1.5);
	}

	@Test
	void writesAsMarshalDoesKeysSortedSlotsOnce() {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("threshold", BigInteger.TEN);
		record.put("remaining", "unlimited");
		assertThat(Passable.encode(record).body()).isEqualTo("#{\"remaining\":\"unlimited\",\"threshold\":\"+10\"}");
		Passable.Ref node = new Passable.Ref("kd31", "Alleged: device node");
		CapData data = Passable.encode(List.of(node, node, Passable.UNDEFINED, "#tag", new Passable.ErrorValue("Error", "no")));
		assertThat(data.body()).isEqualTo(
				"#[\"$0.Alleged: device node\",\"$0.Alleged: device node\",\"#undefined\",\"!#tag\",{\"#error\":\"no\",\"name\":\"Error\"}]");
		assertThat(data.slots()).containsExactly("kd31");
		assertThat(Passable.decode(data)).isEqualTo(List.of(node, node, Passable.UNDEFINED, "#tag",
				new Passable.ErrorValue("Error", "no")));
	}

	@Test
	void refusesWhatIsNotSmallcapsOrNotUnderstood() {
		assertThatThrownBy(() -> Passable.decode(CapData.of("{\"@qclass\":\"undefined\"}")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a smallcaps body");
		assertThatThrownBy(() -> Passable.decode(CapData.of("#[\"$0\"]"))).hasMessageContaining("out of range");
		assertThatThrownBy(() -> Passable.decode(CapData.of("#{\"#tag\":\"x\",\"payload\":1}")))
			.hasMessageContaining("unsupported encoding");
		assertThatThrownBy(() -> Passable.decode(CapData.of("#[1,"))).hasMessageContaining("malformed");
	}

}
