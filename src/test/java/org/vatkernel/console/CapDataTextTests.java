package org.vatkernel.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.CapData;
import org.vatkernel.model.VatProtocolJson;

import static org.assertj.core.api.Assertions.assertThat;

/** Capdata as the console shows it: values as a reader would write them in JavaScript. */
class CapDataTextTests {

	@Test
	void plainValuesReadAsJavaScript() {
		assertThat(CapDataText.of(CapData.of("#\"hello\""))).isEqualTo("\"hello\"");
		assertThat(CapDataText.of(CapData.of("#\"+12\""))).isEqualTo("12n");
		assertThat(CapDataText.of(CapData.of("#\"#undefined\""))).isEqualTo("undefined");
		assertThat(CapDataText.of(CapData.of("#[1,2.5,null,true]"))).isEqualTo("[1, 2.5, null, true]");
		assertThat(CapDataText.of(CapData.of("#{\"a\":1,\"b-c\":\"x\"}"))).isEqualTo("{a: 1, \"b-c\": \"x\"}");
	}

	@Test
	void referencesShowTheirSlotAndInterfaceAndErrorsTheirMessage() {
		assertThat(CapDataText.of(new CapData("#[\"$0.Alleged: counter\",\"&1\"]", List.of("ko20", "kp40"))))
			.isEqualTo("[ko20 (Alleged: counter), kp40]");
		assertThat(CapDataText.of(CapData.of("#{\"#error\":\"no such method\",\"name\":\"TypeError\"}")))
			.isEqualTo("TypeError: no such method");
	}

	@Test
	void whatTheKernelDoesNotReadIsShownRaw() {
		// a tagged value: shown as the body it is
		assertThat(CapDataText.of(CapData.of("#{\"#tag\":\"copySet\",\"payload\":[]}")))
			.isEqualTo("#{\"#tag\":\"copySet\",\"payload\":[]}");
		assertThat(CapDataText.of(CapData.of("{\"not\":\"smallcaps\"}"))).isEqualTo("{\"not\":\"smallcaps\"}");
	}

	@Test
	void capdataInsideAQueueEventReadsAsValues() {
		String event = """
				{"type":"send","target":"ko24","msg":{"methargs":{"body":"#[\\"greet\\",[\\"browser\\"]]","slots":[]},"result":"kp45"}}""";
		assertThat(CapDataText.readable(VatProtocolJson.parse(event)))
			.isEqualTo("{type: \"send\", target: \"ko24\", msg: {methargs: [\"greet\", [\"browser\"]], result: \"kp45\"}}");
	}

	@Test
	void htmlInAValueStaysTextForThePageToEscape() {
		assertThat(CapDataText.of(CapData.of("#\"<script>x</script>\""))).isEqualTo("\"<script>x</script>\"");
	}

}
