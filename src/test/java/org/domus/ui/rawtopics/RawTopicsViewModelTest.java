package org.domus.ui.rawtopics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.domus.ingest.RawTopics;
import org.junit.jupiter.api.Test;

/** The raw topics screen's view-model, without a toolkit, on a real {@link RawTopics}. */
class RawTopicsViewModelTest {

    private final RawTopics raw = new RawTopics();
    private final RawTopicsViewModel viewModel = new RawTopicsViewModel(raw, Locale.ENGLISH, Runnable::run,
            Runnable::run);

    @Test
    void showsTheNewestPayloadPerTopicNewestFirstAndFilters() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        raw.record("domus/demo/raw/tasmota/tele/plug/SENSOR", "demo", bytes("{\"ENERGY\":{\"Power\":12}}"),
                "hub-demo", t);
        raw.record("domus/demo/raw/zigbee2mqtt/door", "demo", bytes("{\"contact\":true}"), "hub-demo", t.plusSeconds(1));
        raw.record("domus/demo/raw/tasmota/tele/plug/SENSOR", "demo", bytes("{\"ENERGY\":{\"Power\":15}}"),
                "hub-demo", t.plusSeconds(2));
        viewModel.refresh();

        assertEquals(List.of("domus/demo/raw/tasmota/tele/plug/SENSOR", "domus/demo/raw/zigbee2mqtt/door"),
                viewModel.rows().stream().map(RawTopicsViewModel.Row::topic).toList());
        assertEquals("{\"ENERGY\":{\"Power\":15}}", viewModel.rows().getFirst().payload());
        assertEquals(2, viewModel.rows().getFirst().count());
        assertEquals("2 topics", viewModel.summaryProperty().get());

        viewModel.filterProperty().set("ZIGBEE");
        assertEquals(1, viewModel.rows().size());
        assertEquals("1 of 2", viewModel.summaryProperty().get());
        viewModel.filterProperty().set("power\":15");
        assertEquals("domus/demo/raw/tasmota/tele/plug/SENSOR", viewModel.rows().getFirst().topic());
    }

    @Test
    void untrustedPayloadsAreShownAsOnePrintableShortLine() {
        byte[] hostile = new byte[5000];
        java.util.Arrays.fill(hostile, (byte) 'A');
        hostile[0] = '\n';
        hostile[1] = 0;
        hostile[2] = (byte) 0xC3; // a cut UTF-8 sequence
        hostile[3] = '\u001b';
        raw.record("domus/demo/raw/x", "demo", hostile, "c", Instant.now());
        viewModel.refresh();
        String shown = viewModel.rows().getFirst().payload();
        assertTrue(shown.startsWith("\\u000a\\u0000\uFFFD\\u001b"), shown);
        assertTrue(shown.endsWith("…") && shown.chars().filter(c -> c == 'A').count() < RawTopics.PREVIEW_CHARS, shown);
        assertTrue(shown.chars().noneMatch(Character::isISOControl), shown);
        assertEquals(5000, viewModel.rows().getFirst().bytes());
    }

    @Test
    void keepsABoundedNumberOfTopicsAndSaysSo() {
        for (int i = 0; i < RawTopics.MAX_TOPICS + 5; i++) {
            raw.record("domus/demo/raw/t/" + i, "demo", bytes("1"), "c", Instant.now());
        }
        viewModel.refresh();
        assertEquals(RawTopics.MAX_TOPICS, viewModel.rows().size());
        assertEquals(5, raw.dropped());
        assertTrue(viewModel.summaryProperty().get().contains("5 messages on further topics were not kept"),
                viewModel.summaryProperty().get());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
