package org.vatkernel.kernel.device;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vatkernel.kernel.crank.KernelRules;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Passable;
import org.vatkernel.state.DeviceStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timer device's rules (device-timer.js), over the real device store; no Spring, no worker. */
class TimerDeviceTests {

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	private final TimerDevice timer = new TimerDevice(new DeviceStore(rules.jdbc, rules.activity));

	private final List<String> sent = new ArrayList<>();

	@Test
	void aPollWakesWhatIsDueEarliestFirstAndRemembersTheTime() {
		call("setWakeup", BigInteger.valueOf(10), handler("ko30"));
		call("setWakeup", BigInteger.valueOf(5), handler("ko31"));
		call("setWakeup", BigInteger.valueOf(5), handler("ko32"));
		assertThat(poll(4)).isFalse();
		assertThat(poll(7)).isTrue();
		assertThat(this.sent).containsExactly("ko31 #[\"wake\",[\"+5\"]]", "ko32 #[\"wake\",[\"+5\"]]");
		assertThat(call("getLastPolled")).isEqualTo(BigInteger.valueOf(7));
		assertThat(poll(7)).isFalse();
		assertThat(poll(12)).isTrue();
		assertThat(this.sent).last().isEqualTo("ko30 #[\"wake\",[\"+10\"]]");
	}

	@Test
	void timeDoesNotGoBackAndARefusedPollChangesNothing() {
		call("setWakeup", BigInteger.valueOf(8), handler("ko30"));
		poll(5);
		assertThatThrownBy(() -> poll(3)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Time is monotonic. 3 cannot be less than 5");
		assertThat(this.timer.lastPolled()).isEqualTo(BigInteger.valueOf(5));
		assertThat(poll(8)).isTrue();
	}

	@Test
	void removeWakeupAnswersTheTimesItRemoved() {
		call("setWakeup", BigInteger.valueOf(8), handler("ko30"));
		call("setWakeup", BigInteger.valueOf(9), handler("ko31"));
		call("setWakeup", BigInteger.valueOf(12), handler("ko30"));
		assertThat(call("removeWakeup", handler("ko30"))).isEqualTo(List.of(BigInteger.valueOf(8), BigInteger.valueOf(12)));
		poll(20);
		assertThat(this.sent).containsExactly("ko31 #[\"wake\",[\"+9\"]]");
	}

	@Test
	void aRepeaterIsScheduledAgainAfterEachWake() {
		poll(1);
		Object index = call("makeRepeater", BigInteger.valueOf(3), BigInteger.valueOf(6));
		// device-timer.js: lastPolled + interval - ((lastPolled - start) % interval), with JavaScript's %
		assertThat(call("schedule", index, handler("ko40"))).isEqualTo(BigInteger.valueOf(9));
		poll(9);
		poll(16);
		assertThat(this.sent).containsExactly("ko40 #[\"wake\",[\"+9\"]]", "ko40 #[\"wake\",[\"+15\"]]");
		call("deleteRepeater", index);
		poll(40);
		assertThat(this.sent).hasSize(3); // the one scheduled before the delete still fires, once
	}

	@Test
	void whatTheCallerGotWrongIsADeviceError() {
		assertThatThrownBy(() -> call("setWakeup", BigInteger.valueOf(-1), handler("ko30")))
			.isInstanceOf(DeviceException.class)
			.hasMessageContaining("negative");
		assertThatThrownBy(() -> call("setWakeup", "soon", handler("ko30"))).isInstanceOf(DeviceException.class);
		assertThatThrownBy(() -> call("setWakeup", BigInteger.ONE, "not a handler")).isInstanceOf(DeviceException.class);
		assertThatThrownBy(() -> call("schedule", 7L, handler("ko30"))).isInstanceOf(DeviceException.class)
			.hasMessageContaining("no repeater 7");
		assertThatThrownBy(() -> call("tick")).isInstanceOf(DeviceException.class)
			.hasMessage("target[tick] does not exist");
	}

	private Object call(String method, Object... args) {
		return this.timer.invoke(DeviceNodes.ROOT, method, List.of(args), null);
	}

	private boolean poll(long time) {
		return this.timer.poll(BigInteger.valueOf(time),
				(KernelRef target, CapData methargs) -> this.sent.add(target + " " + methargs.body()));
	}

	private static Passable.Ref handler(String kref) {
		return new Passable.Ref(kref, "Alleged: handler");
	}

}
