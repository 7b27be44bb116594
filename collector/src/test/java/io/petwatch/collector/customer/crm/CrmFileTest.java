package io.petwatch.collector.customer.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrmFileTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void aByteOrderMarkIsDroppedSoTheFirstColumnKeepsItsName() {
        byte[] body = concat(BOM, "customer_id,first_name\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("customer_id,first_name\n", CrmFile.decode(body, Optional.empty()));
    }

    @Test
    void latin1BytesAreAnErrorNamingTheLineNotReplacementCharacters() {
        byte[] body = "customer_id,first_name\nc-1,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrmFile.decode(body, Optional.empty()));
        assertTrue(e.getMessage().startsWith("line 2 is not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("?charset=windows-1252"), e.getMessage());
    }

    @Test
    void aDeclaredCharsetIsUsed() {
        byte[] body = "c-1,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("c-1,Zo\u00eb\n", CrmFile.decode(body, Optional.of("windows-1252")));
        assertThrows(IllegalArgumentException.class, () -> CrmFile.decode(body, Optional.of("klingon-8")));
    }

    @Test
    void utf16WithItsMarkIsRead() {
        byte[] body = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "Zo\u00eb".getBytes(StandardCharsets.UTF_16LE));
        assertEquals("Zo\u00eb", CrmFile.decode(body, Optional.empty()));
    }

    @Test
    void formulaLookingCellsAreNeutralisedAndPlainNumbersAreNot() {
        assertEquals("'=HYPERLINK(\"http://evil\")", CrmExport.neutralised("=HYPERLINK(\"http://evil\")"));
        assertEquals("'@SUM(A1)", CrmExport.neutralised("@SUM(A1)"));
        assertEquals("'-2+3+cmd|' /C calc'!A0", CrmExport.neutralised("-2+3+cmd|' /C calc'!A0"));
        assertEquals("+44 7700 900101", CrmExport.neutralised("+44 7700 900101"));
        assertEquals("Ada", CrmExport.neutralised("Ada"));
        assertEquals("", CrmExport.neutralised(null));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
