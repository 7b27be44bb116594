package io.petwatch.gateway.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollarTextTest {
    @Test
    void theHandCheckOfACollarIdAgreesWithTheDocumentedPattern() {
        SplittableRandom random = new SplittableRandom(12);
        String alphabet = "aZ09._:-/ \u0000é+#";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int n = random.nextInt(70); n > 0; n--) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = id.toString();
            assertEquals(CollarText.COLLAR_ID.matcher(s).matches(), CollarText.validCollarId(s), s);
        }
        assertEquals(true, CollarText.validCollarId("x".repeat(64)));
        assertEquals(false, CollarText.validCollarId("x".repeat(65)));
    }
}
