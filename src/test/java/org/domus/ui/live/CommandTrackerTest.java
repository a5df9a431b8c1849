package org.domus.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.domus.model.CommandState;
import org.domus.ui.fx.FrameBridge;
import org.junit.jupiter.api.Test;

/** The console's commands per attribute, without a toolkit. */
class CommandTrackerTest {

    private final TestGateway gateway = new TestGateway();
    private final CommandTracker tracker = new CommandTracker(gateway, new FrameBridge(Runnable::run));

    @Test
    void showsPendingThenConfirmedWithTheTraceId() {
        assertNull(tracker.status(UiFixtures.LIGHT_POWER).get());
        tracker.send(UiFixtures.LIGHT_POWER, "ON");
        CommandStatus pending = tracker.status(UiFixtures.LIGHT_POWER).get();
        assertEquals(CommandState.PENDING, pending.state());
        assertEquals("trace-1", pending.traceId());

        gateway.answer("trace-1", CommandState.CONFIRMED, "device echoed the trace id");
        CommandStatus confirmed = tracker.status(UiFixtures.LIGHT_POWER).get();
        assertEquals(CommandState.CONFIRMED, confirmed.state());
        assertEquals("ON", confirmed.value());
    }

    @Test
    void aRefusedValueFailsAtOnceWithTheReason() {
        tracker.send(UiFixtures.SETPOINT, "refuse");
        CommandStatus failed = tracker.status(UiFixtures.SETPOINT).get();
        assertEquals(CommandState.FAILED, failed.state());
        assertEquals("the value refuse does not fit " + UiFixtures.SETPOINT, failed.reason());
        assertEquals("", failed.traceId());
    }

    @Test
    void takesAnAnswerThatArrivesBeforeSendReturns() {
        gateway.confirmingAll();
        tracker.send(UiFixtures.LIGHT_POWER, "OFF");
        assertEquals(CommandState.CONFIRMED, tracker.status(UiFixtures.LIGHT_POWER).get().state());
    }

    @Test
    void showsTheNewestCommandOnlyAndIgnoresOtherClients() {
        tracker.send(UiFixtures.SETPOINT, "21");
        tracker.send(UiFixtures.SETPOINT, "22");
        gateway.answer("trace-1", CommandState.SUPERSEDED, "a newer command");
        assertEquals("22", tracker.status(UiFixtures.SETPOINT).get().value());
        assertEquals(CommandState.PENDING, tracker.status(UiFixtures.SETPOINT).get().state());
        gateway.answer("trace-2", CommandState.TIMED_OUT, "no answer after 2 attempts");
        assertEquals("no answer after 2 attempts", tracker.status(UiFixtures.SETPOINT).get().reason());
    }
}
