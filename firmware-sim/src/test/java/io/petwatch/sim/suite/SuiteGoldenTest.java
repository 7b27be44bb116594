package io.petwatch.sim.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The whole scored suite, every scenario, as sent before scenario files existed: scores stay comparable. */
class SuiteGoldenTest {
    @Test
    void theWholeSuiteSendsAndLabelsExactlyWhatItDidBeforeScenarioFiles() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (CollarScript s : ScenarioSuite.standard(42, 2)) {
            for (CollarScript.Delivery d : s.deliveries()) {
                digest.update(ByteBuffer.allocate(8).putLong(d.atMs()).array());
                digest.update(d.batch().toByteArray());
            }
            for (Label l : s.labels()) {
                digest.update(l.json().getBytes(StandardCharsets.UTF_8));
            }
        }

        assertEquals("fc2d112f413053a0a59a346d3ddb54b6bcc287d7c05360cbe5b4fe5b8b224519", HexFormat.of().formatHex(digest.digest()));
    }
}
