package io.petwatch.gateway.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rest floor a device reports while the pet lies still, learned from its counts. */
class RestFloorTest {
    private final Random random = new Random(7);

    /** Minutes of a day: {@code floorShare} at the floor value, {@code zeroShare} exact zeros, the rest movement. */
    private void feedDays(RestFloor floor, int days, int floorValue, double floorShare, double zeroShare) {
        for (int i = 0; i < days * 1440; i++) {
            double u = random.nextDouble();
            floor.add(u < floorShare ? floorValue : u < floorShare + zeroShare ? 0 : 40 + random.nextInt(400));
        }
    }

    @Test
    void aQuantisedFloorIsRestAndAValueFarFromItIsNot() {
        RestFloor floor = new RestFloor();
        feedDays(floor, 3, 7, 0.4, 0.0);

        assertEquals(7, floor.floor());
        assertTrue(floor.atFloor(7));
        assertTrue(floor.atFloor(8), "within half the floor");
        assertFalse(floor.atFloor(37));
    }

    @Test
    void onAZeroFloorDeviceOnlyTheSmallestCountsAreRest() {
        RestFloor floor = new RestFloor();
        feedDays(floor, 3, 0, 0.0, 0.5);

        assertEquals(0, floor.floor());
        assertTrue(floor.atFloor(2));
        assertFalse(floor.atFloor(12));
    }

    @Test
    void beforeThreeHoursOfDataNothingIsKnownButTheSmallestCounts() {
        RestFloor floor = new RestFloor();
        for (int i = 0; i < 100; i++) {
            floor.add(7);
        }

        assertEquals(RestFloor.UNKNOWN, floor.floor());
        assertFalse(floor.atFloor(7));
        assertTrue(floor.atFloor(3));
    }

    @Test
    void theFloorFollowsAFirmwareChangeWithinDays() {
        RestFloor floor = new RestFloor();
        feedDays(floor, 5, 3, 0.4, 0.0);
        feedDays(floor, 4, 9, 0.4, 0.0);

        assertEquals(9, floor.floor());
        assertTrue(floor.atFloor(9));
    }
}
