package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DownsamplerTest {

    private static List<HistoryPoint> noise(int n, long seed) {
        Random random = new Random(seed);
        List<HistoryPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new HistoryPoint(Instant.ofEpochSecond(i), random.nextGaussian()));
        }
        return points;
    }

    @Test
    void neverReturnsMoreThanMaxPoints() {
        for (int n : new int[] {0, 1, 5, 100, 1_001, 10_000}) {
            for (int max : new int[] {1, 2, 3, 7, 100, 999}) {
                int size = Downsampler.minMax(noise(n, n), max).size();
                assertTrue(size <= max, n + "/" + max + " -> " + size);
            }
        }
    }

    @Test
    void keepsExtremes() {
        List<HistoryPoint> points = noise(10_000, 1);
        points.set(1234, new HistoryPoint(Instant.ofEpochSecond(1234), 99));
        points.set(8765, new HistoryPoint(Instant.ofEpochSecond(8765), -99));

        List<HistoryPoint> out = Downsampler.minMax(points, 100);

        assertTrue(out.contains(points.get(1234)));
        assertTrue(out.contains(points.get(8765)));
    }

    @Test
    void keepsTimeOrder() {
        List<HistoryPoint> out = Downsampler.minMax(noise(5_000, 2), 64);
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i).timestamp().isAfter(out.get(i - 1).timestamp()));
        }
        assertTrue(out.size() >= 32);
    }

    @Test
    void passesSmallInputsThrough() {
        List<HistoryPoint> points = noise(50, 3);
        assertEquals(points, Downsampler.minMax(points, 50));
        assertEquals(points, Downsampler.minMax(points, 1_000));
    }

    @Test
    void refusesZeroPoints() {
        assertThrows(IllegalArgumentException.class, () -> Downsampler.minMax(List.of(), 0));
    }
}
