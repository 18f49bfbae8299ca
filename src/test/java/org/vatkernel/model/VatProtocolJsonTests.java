package org.vatkernel.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VatProtocolJsonTests {

	@Test
	void encodesDeliveriesAsLiveslotsExpects() {
		VatDelivery message = new VatDelivery.Message("o+0",
				new VatMessage(new CapData("#[\"hello\",[\"$0.Alleged: x\"]]", List.of("o-50")), "p-60"));
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeDelivery(message))).isEqualTo(
				"[\"message\",\"o+0\",{\"methargs\":{\"body\":\"#[\\\"hello\\\",[\\\"$0.Alleged: x\\\"]]\",\"slots\":[\"o-50\"]},\"result\":\"p-60\"}]");
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeDelivery(new VatDelivery.BringOutYourDead())))
			.isEqualTo("[\"bringOutYourDead\"]");
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeDelivery(new VatDelivery.Notify(
				List.of(new Resolution("p-61", true, CapData.of("#{\"#error\":\"x\",\"name\":\"Error\"}")))))))
			.isEqualTo("[\"notify\",[[\"p-61\",true,{\"body\":\"#{\\\"#error\\\":\\\"x\\\",\\\"name\\\":\\\"Error\\\"}\",\"slots\":[]}]]]");
	}

	@Test
	void deliveriesRoundTrip() {
		List<VatDelivery> deliveries = List.of(new VatDelivery.StartVat(CapData.of("#{}")),
				new VatDelivery.Message("o+0", new VatMessage(CapData.of("#[\"m\",[]]"), null)),
				new VatDelivery.DropExports(List.of("o+10")), new VatDelivery.RetireExports(List.of("o+10")),
				new VatDelivery.RetireImports(List.of("o-50")), new VatDelivery.BringOutYourDead());
		for (VatDelivery d : deliveries) {
			assertThat(VatProtocolJson.decodeDelivery(VatProtocolJson.encodeDelivery(d))).isEqualTo(d);
		}
	}

	@Test
	void decodesEverySyscallShapeAndRoundTrips() {
		List<String> syscalls = List.of(
				"[\"send\",\"o-50\",{\"methargs\":{\"body\":\"#[\\\"m\\\",[]]\",\"slots\":[]},\"result\":\"p+5\"}]",
				"[\"subscribe\",\"p+5\"]",
				"[\"resolve\",[[\"p-60\",false,{\"body\":\"#\\\"hi\\\"\",\"slots\":[]}]]]",
				"[\"exit\",true,{\"body\":\"#\\\"bye\\\"\",\"slots\":[]}]", "[\"vatstoreGet\",\"k\"]",
				"[\"vatstoreGetNextKey\",\"k\"]", "[\"vatstoreSet\",\"k\",\"v\"]", "[\"vatstoreDelete\",\"k\"]",
				"[\"dropImports\",[\"o-50\"]]", "[\"retireImports\",[\"o-50\"]]", "[\"retireExports\",[\"o+10\"]]",
				"[\"abandonExports\",[\"o+10\"]]", "[\"callNow\",\"d-70\",\"m\",{\"body\":\"#[]\",\"slots\":[]}]");
		for (String json : syscalls) {
			VatSyscall syscall = VatProtocolJson.decodeSyscall(VatProtocolJson.parse(json));
			assertThat(syscall).isNotInstanceOf(VatSyscall.Unrecognized.class);
			assertThat(VatProtocolJson.write(VatProtocolJson.encodeSyscall(syscall))).isEqualTo(json);
		}
	}

	@Test
	void badShapesBecomeUnrecognizedNotExceptions() {
		assertThat(VatProtocolJson.decodeSyscall(VatProtocolJson.parse("[\"launch\",1]")))
			.isInstanceOfSatisfying(VatSyscall.Unrecognized.class,
					u -> assertThat(u.problem()).contains("unknown syscall type launch"));
		assertThat(VatProtocolJson.decodeSyscall(VatProtocolJson.parse("[\"send\",\"o-50\"]")))
			.isInstanceOfSatisfying(VatSyscall.Unrecognized.class,
					u -> assertThat(u.problem()).contains("send takes 2 argument(s), not 1"));
		assertThat(VatProtocolJson.decodeSyscall(VatProtocolJson.parse("[\"vatstoreGet\",5]")))
			.isInstanceOf(VatSyscall.Unrecognized.class);
		assertThat(VatProtocolJson.decodeSyscall(VatProtocolJson.parse("{}"))).isInstanceOf(VatSyscall.Unrecognized.class);
	}

	@Test
	void syscallResults() {
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeSyscallResult(VatSyscallResult.ok())))
			.isEqualTo("[\"ok\",null]");
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeSyscallResult(VatSyscallResult.ok("v"))))
			.isEqualTo("[\"ok\",\"v\"]");
		assertThat(VatProtocolJson.write(VatProtocolJson.encodeSyscallResult(VatSyscallResult.error("nope"))))
			.isEqualTo("[\"error\",\"nope\"]");
		assertThat(VatProtocolJson.decodeSyscallResult(VatProtocolJson.parse("[\"ok\",{\"body\":\"#1\",\"slots\":[]}]")))
			.isEqualTo(VatSyscallResult.ok(CapData.of("#1")));
	}

	@Test
	void capdataBodyPassesThroughUntouched() {
		String body = "#{\"b\":\"\\u00e9\",\"a\":1.50}";
		VatSyscall syscall = VatProtocolJson.decodeSyscall(VatProtocolJson.parse(VatProtocolJson.write(
				VatProtocolJson.encodeSyscall(new VatSyscall.Resolve(List.of(new Resolution("p+5", false, CapData.of(body))))))));
		assertThat(((VatSyscall.Resolve) syscall).resolutions().get(0).data().body()).isEqualTo(body);
	}

}
