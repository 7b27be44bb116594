package io.petwatch.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.petwatch.collector.api.InputText.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputTextTest {
    @Test
    void printableTextOfAnyScriptIsStored() {
        assertEquals(Optional.empty(), InputText.problem("Zoë's dog Müsli 🐕 fw-1.2", 64, Kind.LINE));
        assertEquals(Optional.empty(), InputText.problem("", 64, Kind.LINE));
    }

    @Test
    void aNulOrAnyOtherControlCharacterIsNamedByItsCodePoint() {
        assertEquals(Optional.of("contains a control character (U+0000)"),
                InputText.problem("fw-1.2\u0000evil", 64, Kind.LINE));
        assertEquals(Optional.of("contains a control character (U+001B)"),
                InputText.problem("\u001b[31mred", 64, Kind.TEXT));
        assertEquals(Optional.of("contains a control character (U+007F)"), InputText.problem("a\u007f", 64, Kind.LINE));
        assertEquals(Optional.of("contains a control character (U+0085)"), InputText.problem("a\u0085", 64, Kind.TEXT));
    }

    @Test
    void lineBreaksAndTabsAreTextButNotPartOfAnId() {
        assertEquals(Optional.empty(), InputText.problem("Called the owner.\r\nVet booked\tfor Monday", 100, Kind.TEXT));
        assertEquals(Optional.of("contains a control character (U+000A)"), InputText.problem("hub\n1", 64, Kind.LINE));
        assertEquals(Optional.of("contains a control character (U+2028)"),
                InputText.problem("hub\u20281", 64, Kind.LINE));
    }

    @Test
    void anUnpairedSurrogateIsNotText() {
        assertEquals(Optional.of("contains an unpaired surrogate (U+D800), which is not Unicode text"),
                InputText.problem("a\ud800b", 64, Kind.TEXT));
        assertEquals(Optional.of("contains an unpaired surrogate (U+DC00), which is not Unicode text"),
                InputText.problem("\udc00", 64, Kind.TEXT));
    }

    @Test
    void eachFieldHasAMaximumLength() {
        assertEquals(Optional.empty(), InputText.problem("x".repeat(64), 64, Kind.LINE));
        assertEquals(Optional.of("must be at most 64 characters, was 65"),
                InputText.problem("x".repeat(65), 64, Kind.LINE));
    }

    @Test
    void requireNamesTheFieldInItsRefusal() {
        BadInput refused = assertThrows(BadInput.class, () -> InputText.require("alerts[3].collar_firmware",
                "fw-1.2\u0000evil", 64, Kind.LINE));

        assertEquals("alerts[3].collar_firmware: contains a control character (U+0000)", refused.getMessage());
        assertEquals("ok", InputText.require("note", "ok", 10, Kind.TEXT));
    }

    @Test
    void printableEscapesWhatALogLineMustNotHold() {
        assertEquals("fw-1.2\\u0000evil\\u000Anext", InputText.printable("fw-1.2\u0000evil\nnext", 100));
        assertEquals("abc...", InputText.printable("abcdef", 3));
    }
}
