package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SwarTest {

    @Property(tries = 3000)
    void lineStopFindsTheFirstLineFeedNulOrNonAsciiByteAsAPlainLoopDoes(@ForAll("bytes") byte[] b,
            @ForAll @IntRange(max = 40) int from, @ForAll @IntRange(max = 40) int to) {
        int a = Math.min(from, b.length);
        int z = Math.max(a, Math.min(to, b.length));
        assertEquals(firstIndex(b, a, z, c -> c == '\n' || c == 0 || c < 0), Swar.lineStop(b, a, z));
    }

    @Property(tries = 3000)
    void commaAndDotFindTheFirstCommaAndFullStopAsAPlainLoopDoes(@ForAll("bytes") byte[] b,
            @ForAll @IntRange(max = 40) int from, @ForAll @IntRange(max = 40) int to) {
        int a = Math.min(from, b.length);
        int z = Math.max(a, Math.min(to, b.length));
        assertEquals(firstIndex(b, a, z, c -> c == ','), Swar.comma(b, a, z));
        assertEquals(firstIndex(b, a, z, c -> c == '.'), Swar.dot(b, a, z));
    }

    /** The plain loop: the first index in [a, z) whose byte matches, else z. */
    private static int firstIndex(byte[] b, int a, int z, java.util.function.IntPredicate match) {
        for (int i = a; i < z; i++) {
            if (match.test(b[i])) {
                return i;
            }
        }
        return z;
    }

    @Property(tries = 3000)
    void eightDigitsAreRecognisedAndValuedAsAPlainLoopDoes(@ForAll("bytes") byte[] b) {
        if (b.length < 8) {
            return;
        }
        long w = Swar.word(b, 0);
        boolean digits = true;
        long value = 0;
        for (int i = 0; i < 8; i++) {
            digits &= b[i] >= '0' && b[i] <= '9';
            value = value * 10 + (b[i] - '0');
        }
        assertEquals(digits, Swar.eightDigits(w));
        if (digits) {
            assertEquals(value, Swar.eightDigitsValue(w));
        }
    }

    /** Bytes weighted towards the ones the searches look for, their neighbours, and the extremes. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> special = Arbitraries.of((byte) '\n', (byte) 0, (byte) ',', (byte) 0x80, (byte) 0xFF, (byte) 0x7F,
                (byte) 0x01, (byte) '/', (byte) ':', (byte) '\r', (byte) 0x0B, (byte) '+', (byte) '-', (byte) '.');
        Arbitrary<Byte> digit = Arbitraries.bytes().between((byte) '0', (byte) '9');
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> one = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, digit), net.jqwik.api.Tuple.of(2, any), net.jqwik.api.Tuple.of(1, special));
        return one.array(byte[].class).ofMaxSize(40);
    }
}
