package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NumberGrammarTest {

    @Test
    void acceptsDecimalsWithOptionalSignFractionAndExponent() {
        assertEquals(42.0, NumberGrammar.parse("42"));
        assertEquals(-0.5, NumberGrammar.parse("-0.5"));
        assertEquals(7.0, NumberGrammar.parse("007"));
        assertEquals(1.5e-3, NumberGrammar.parse("1.5E-3"));
        assertEquals(1e6, NumberGrammar.parse("1e6"));
        assertEquals(1e6, NumberGrammar.parse("1e+6"));
        assertEquals(0.0, NumberGrammar.parse("1e-400"));
    }

    @Test
    void rejectsJavaOnlyAndOtherSyntax() {
        for (String s : new String[] {"0x1p6", "100d", "100f", "1_000", "+1", ".5", "5.", "1,5", "1e", "1e+", "--1", "- 1",
                "1 2", "０", "e5", "", "abc", "0x10"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberGrammar.parse(s), s);
            assertTrue(!e.getMessage().contains("For input string"), e.getMessage());
        }
    }

    @Test
    void namesNonFiniteWordsAsNotFinite() {
        for (String s : new String[] {"NaN", "nan", "Infinity", "-Infinity", "inf", "+Infinity"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberGrammar.parse(s), s);
            assertEquals("is not a finite number", e.getMessage());
        }
    }

    @Test
    void rejectsMagnitudeBeyondDoubleInsteadOfInfinity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberGrammar.parse("1e400"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumberGrammar.parse("-1e309"));
    }

    @Test
    void parsesASliceOfALine() {
        assertEquals(12.5, NumberGrammar.parse("a,12.5,b", 2, 6));
    }

    @Property(tries = 2000)
    void javaShortestDecimalsReadBackExactly(@ForAll double d) {
        if (Double.isFinite(d)) {
            assertEquals(d, NumberGrammar.parse(Double.toString(d)));
        }
    }

    @Property(tries = 2000)
    void agreesWithJavaWhereTheGrammarMatches(@ForAll("decimals") String s) {
        assertEquals(Double.parseDouble(s), NumberGrammar.parse(s));
    }

    @Property(tries = 3000)
    void anAsciiLineReadsEveryDecimalToTheSameDoubleAsJavaAndTheStringPath(@ForAll("decimals") String s) {
        // The bytes sit inside a longer line, as a field does: the fast path must keep to its range.
        byte[] line = ("9," + s + ",9").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AsciiLine ascii = new AsciiLine();
        ascii.set(line, 0, line.length);
        double read = NumberGrammar.parse(ascii, 2, 2 + s.length());
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(read), s);
        assertEquals(Double.doubleToRawLongBits(NumberGrammar.parse(s)), Double.doubleToRawLongBits(read), s);
    }

    @Test
    void thePlainDecimalPathTakesOnlyPlainDecimalsWithinRangeAndKeepsNegativeZero() {
        byte[][] plain = {"0".getBytes(), "-0".getBytes(), "-0.000".getBytes(), "325.27485".getBytes(),
            "123456789012345".getBytes(), "0.00000000000001".getBytes(), "325.2748545612526".getBytes(),
            "-12345678901234567890123.5".getBytes()};
        for (byte[] b : plain) {
            String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)),
                    Double.doubleToRawLongBits(NumberGrammar.plainDecimal(b, 0, b.length)), s);
        }
        for (String s : new String[] {"1" + "0".repeat(400), "1e5", "1.", ".5", "+1", "-", "", "1.5E-3", "12a", "NaN"}) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(Double.isNaN(NumberGrammar.plainDecimal(b, 0, b.length)), s + " is left to the general path");
        }
    }

    @Property(tries = 3000)
    void anAsciiLineReadsOrRejectsAnyTextExactlyAsTheStringPath(@ForAll("nearNumbers") String s) {
        // long runs of digits broken by the bytes next to '0' and '9' and by signs, points and exponents:
        // the eight-digit steps of the byte path must stop where the String path stops
        byte[] line = ("7," + s + ",7").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AsciiLine ascii = new AsciiLine();
        ascii.set(line, 0, line.length);
        String expected;
        try {
            expected = Long.toHexString(Double.doubleToRawLongBits(NumberGrammar.parse(s)));
        } catch (IllegalArgumentException e) {
            expected = e.getMessage();
        }
        String actual;
        try {
            actual = Long.toHexString(Double.doubleToRawLongBits(NumberGrammar.parse(ascii, 2, 2 + s.length())));
        } catch (IllegalArgumentException e) {
            actual = e.getMessage();
        }
        assertEquals(expected, actual, s);
    }

    @Test
    void longFieldsThatTheJsonParserAcceptsOutsideTheGrammarAreRejectedAndLeadingZerosStillRead() {
        // FastDoubleParser's JSON parser reads all of these; the grammar has no '.5', '5.' or '5.e3'
        for (String s : new String[] {".0000000000000000", "-.00000000000000001", "10000000000000000.",
            "1.e50000000000000", "-1000000000000000.e5"}) {
            AsciiLine ascii = new AsciiLine();
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ascii.set(b, 0, b.length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberGrammar.parse(ascii, 0, b.length), s);
            assertTrue(e.getMessage().startsWith("is not a number"), e.getMessage());
        }
        for (String s : new String[] {"0000000000000000123.5", "-00000000000000000.25", "1.5000000000000000E-3", "12345678901234567890"}) {
            AsciiLine ascii = new AsciiLine();
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ascii.set(b, 0, b.length);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)),
                    Double.doubleToRawLongBits(NumberGrammar.parse(ascii, 0, b.length)), s);
        }
    }

    @Provide
    Arbitrary<String> nearNumbers() {
        return Arbitraries.strings().withChars("0123456789012345678901234567890123456789/:.-eE+ 000NaIfxpd").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> decimals() {
        var digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(Arbitraries.of("", "-"), digits,
                digits.injectNull(0.5), Arbitraries.integers().between(-330, 330).injectNull(0.5))
                .as((sign, i, f, e) -> sign + i + (f == null ? "" : "." + f) + (e == null ? "" : "e" + e))
                .filter(s -> Double.isFinite(Double.parseDouble(s)));
    }
}
