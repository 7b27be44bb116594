package io.petwatch.evaluation.realdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.replay.Replay;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a case through the gateway's own replay (the code behind {@code petwatch-edge-gateway.jar replay}, with the
 * default configuration and the UTC zone) and reads its JSON-lines output back, so the score sees exactly what the
 * command prints.
 */
final class CaseReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseReplay() {
    }

    static List<ReplayedAlert> replay(RealCase c, DetectorParams params) {
        return replay(c.recording(), params);
    }

    static List<ReplayedAlert> replay(Recording r, DetectorParams params) {
        StringBuilder csv = new StringBuilder(r.size() * 32).append("collar_id,minute_start,activity\n");
        for (int i = 0; i < r.size(); i++) {
            csv.append(r.id()).append(',').append(r.minutesMs()[i]).append(',').append(r.activity()[i]).append('\n');
        }
        StringWriter out = new StringWriter();
        new Replay("realdata", ZoneOffset.UTC, id -> params).run(new StringReader(csv.toString()), out);
        List<ReplayedAlert> alerts = new ArrayList<>();
        try {
            for (String line : out.toString().split("\n")) {
                if (!line.isBlank()) {
                    alerts.add(ReplayedAlert.of(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the replay printed a line that is not JSON", e);
        }
        return alerts;
    }
}
