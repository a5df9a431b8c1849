package org.domus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicParserTest {

    @Test
    void parsesStateTopic() {
        TopicRoute route = TopicParser.parse("domus/demo/living-room/thermostat/temperature");
        assertEquals(new TopicRoute.State(new SeriesPath("demo", "living-room", "thermostat", "temperature")), route);
    }

    @Test
    void parsesCommandTopic() {
        TopicRoute route = TopicParser.parse("domus/demo/living-room/ceiling-light/power/set");
        assertEquals(new TopicRoute.Command(SeriesPath.parse("demo/living-room/ceiling-light/power")), route);
    }

    @Test
    void parsesDeviceStatusAsAnAttribute() {
        TopicRoute route = TopicParser.parse("domus/demo/kitchen/plug-1/status");
        assertEquals("status", ((TopicRoute.State) route).series().attribute());
    }

    @Test
    void parsesHubAndRawTopics() {
        assertEquals(new TopicRoute.Hub("demo", "/status"), TopicParser.parse("domus/demo/hub/status"));
        assertEquals(new TopicRoute.Raw("demo", "tele/tasmota_1/SENSOR"),
                TopicParser.parse("domus/demo/raw/tele/tasmota_1/SENSOR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "other/demo/a/b/c", "domus/demo", "domus/Demo/a/b/c", "domus/demo/a/b",
            "domus/demo/a/b/c/d/e", "domus/demo/a/b/c/get", "domus/demo/a b/c/d", "domus/demo/a/+/c",
            "domus/demo/a/#", "domus/demo/a/b\u0000/c", "domus/demo//b/c", "domus/demo/raw"})
    void refusesTopicsOutsideTheContract(String topic) {
        TopicRoute route = TopicParser.parse(topic);
        TopicRoute.Invalid invalid = assertInstanceOf(TopicRoute.Invalid.class, route, topic);
        assertTrue(!invalid.reason().isBlank() && !invalid.reason().contains("\n"));
    }

    @Test
    void rejectsTopicWithWildcardNamingTheProblem() {
        TopicRoute.Invalid invalid = (TopicRoute.Invalid) TopicParser.parse("domus/demo/room/+/power");
        assertTrue(invalid.reason().contains("wildcard"), invalid.reason());
    }

    @Test
    void rejectsTopicWithNulNamingTheProblem() {
        TopicRoute.Invalid invalid = (TopicRoute.Invalid) TopicParser.parse("domus/demo/room/la\u0000mp/power");
        assertTrue(invalid.reason().contains("NUL"), invalid.reason());
    }
}
