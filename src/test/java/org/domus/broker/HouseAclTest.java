package org.domus.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HouseAclTest {

    private final ClientIdentity kitchenPlug = ClientIdentity.house("plug", "smith");
    private final ClientIdentity console = ClientIdentity.console("domus-console");

    @Test
    void letsAHouseClientPublishAndSubscribeUnderItsHouse() {
        assertTrue(HouseAcl.publishProblem(kitchenPlug, "domus/smith/kitchen/plug/power").isEmpty());
        assertTrue(HouseAcl.subscribeProblem(kitchenPlug, "domus/smith/#").isEmpty());
        assertTrue(HouseAcl.subscribeProblem(kitchenPlug, "domus/smith/+/plug/power/set").isEmpty());
    }

    @Test
    void refusesAnotherHousesTopicsAndPrefixLookalikes() {
        assertFalse(HouseAcl.publishProblem(kitchenPlug, "domus/jones/kitchen/plug/power").isEmpty());
        assertFalse(HouseAcl.publishProblem(kitchenPlug, "domus/smithers/kitchen/plug/power").isEmpty());
        assertFalse(HouseAcl.subscribeProblem(kitchenPlug, "domus/#").isEmpty());
        assertFalse(HouseAcl.subscribeProblem(kitchenPlug, "domus/+/kitchen/#").isEmpty());
        assertFalse(HouseAcl.subscribeProblem(kitchenPlug, "#").isEmpty());
        assertFalse(HouseAcl.publishProblem(kitchenPlug, "$SYS/broker").isEmpty());
    }

    @Test
    void refusesWildcardsAndNulInPublishTopics() {
        assertFalse(HouseAcl.publishProblem(console, "domus/smith/+/plug/power").isEmpty());
        assertFalse(HouseAcl.publishProblem(console, "domus/smith/#").isEmpty());
        assertFalse(HouseAcl.publishProblem(kitchenPlug, "domus/smith/kitchen/pl\u0000ug/power").isEmpty());
    }

    @Test
    void letsTheConsoleUseEveryHouseButNothingOutsideDomus() {
        assertTrue(HouseAcl.subscribeProblem(console, "domus/#").isEmpty());
        assertTrue(HouseAcl.publishProblem(console, "domus/jones/kitchen/plug/power/set").isEmpty());
        assertFalse(HouseAcl.publishProblem(console, "elsewhere/topic").isEmpty());
    }
}
