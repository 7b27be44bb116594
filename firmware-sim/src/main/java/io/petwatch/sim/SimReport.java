package io.petwatch.sim;

import io.petwatch.sim.scenario.Episode;
import java.time.Duration;
import java.util.List;

/** What a run published, and the ground truth of what it injected. */
public record SimReport(List<String> collarIds, List<Episode> episodes, long batchesPublished, long samplesPublished,
                        Duration took) {
}
