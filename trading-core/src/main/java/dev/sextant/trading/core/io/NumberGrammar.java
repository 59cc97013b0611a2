package dev.sextant.trading.core.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JsonDoubleParser;

/**
 * The one grammar of numbers in market data (bars CSV, trades CSV, Ta4j JSON and epoch
 * timestamps): a decimal number as JSON writes it, except that leading zeros are allowed.
 *
 * <pre>
 *   number   = [ "-" ] digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]
 *   digits   = one or more of 0-9
 * </pre>
 *
 * <p>So {@code 42}, {@code -0.5}, {@code 007}, {@code 1.5E-3} and {@code 1e6} are numbers;
 * {@code +1}, {@code .5}, {@code 5.}, {@code 1,5}, {@code 0x1p6}, {@code 100d}, {@code 1_000},
 * {@code NaN}, {@code Infinity} and the empty text are not. A number whose magnitude is beyond
 * the range of a {@code double} ({@code 1e400}) is rejected, never turned into infinity; one
 * below the smallest {@code double} reads as zero, as in every decimal parser. The conversion
 * is correctly rounded (FastDoubleParser), so a decimal written by Java's {@code Double.toString}
 * reads back to the same {@code double}.
 *
 * <p>Thread-safe: stateless.
 */
public final class NumberGrammar {
    /** The grammar in one line, for error messages and documentation. */
    public static final String DESCRIPTION =
            "a decimal number: optional '-', digits, optional '.' and digits, optional exponent, as in 42, -0.5 or 1.5E-3";

    private NumberGrammar() {
    }

    /**
     * Parses all of {@code text}.
     *
     * @throws IllegalArgumentException if it does not follow the grammar or is out of the range of
     *         a double; the message is a reason to append to the value, such as
     *         {@code "is not a finite number"}
     */
    public static double parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /**
     * Parses {@code text[from, to)}.
     *
     * @throws IllegalArgumentException as {@link #parse(CharSequence)}
     */
    public static double parse(CharSequence text, int from, int to) {
        if (text instanceof AsciiLine ascii) {
            double plain = plainDecimal(ascii.bytes(), ascii.offset() + from, ascii.offset() + to);
            if (!Double.isNaN(plain)) {
                return plain;
            }
        }
        if (!matches(text, from, to)) {
            throw new IllegalArgumentException(reason(text, from, to));
        }
        // an ASCII line's characters are its bytes: parse them without making chars or a String
        double d = text instanceof AsciiLine ascii
                ? JavaDoubleParser.parseDouble(ascii.bytes(), ascii.offset() + from, to - from)
                : JavaDoubleParser.parseDouble(text, from, to - from);
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("is out of range: its magnitude exceeds the largest double, "
                    + Double.MAX_VALUE);
        }
        return d;
    }

    /** Exact powers of ten as doubles: 10^0 to 10^15. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /** Digits a plain decimal may have for {@link #plainDecimal}: below 2^53 as an integer. */
    private static final int PLAIN_DIGITS = 15;

    /**
     * The value of {@code bytes[from, to)} read on a fast path, or NaN when the general path must
     * decide (text outside the grammar, a magnitude beyond a double, a form the fast paths leave).
     * A field of up to 16 characters that is a plain decimal, {@code [-]digits[.digits]}, is checked
     * and converted in one pass: with at most 15 digits in all, the digits as an integer are exact in
     * a double (below 2^53) and so is the power of ten they are divided by (at most 10^15), so the
     * one division is correctly rounded (Clinger's fast path), -0 included; with more digits it goes
     * to FastDoubleParser once checked. A longer field goes to FastDoubleParser's JSON parser when
     * {@link #jsonReadable}. Every value is the double any correctly rounded parser gives.
     */
    static double plainDecimal(byte[] bytes, int from, int to) {
        int i = from < to && bytes[from] == '-' ? from + 1 : from;
        if (to - from > PLAIN_DIGITS + 1 && i < to && jsonReadable(bytes, i, to)) {
            return longDecimal(bytes, from, to);
        }
        return byDigits(bytes, from, to);
    }

    /** {@link #plainDecimal} digit by digit: checks the grammar and, up to 15 digits, converts exactly. */
    private static double byDigits(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long mantissa = 0;
        int digit;
        // eight digits at a time, then one at a time (the mantissa wraps past 18 digits, but is used only up to 15)
        for (long w; i <= to - Long.BYTES && Swar.eightDigits(w = Swar.word(bytes, i)); i += Long.BYTES) {
            mantissa = mantissa * 100_000_000L + Swar.eightDigitsValue(w);
        }
        while (i < to && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
            mantissa = mantissa * 10 + digit;
            i++;
        }
        int integerDigits = i - start;
        if (integerDigits == 0) {
            return Double.NaN;
        }
        int fractionDigits = 0;
        if (i < to && bytes[i] == '.') {
            int fractionStart = ++i;
            for (long w; i <= to - Long.BYTES && Swar.eightDigits(w = Swar.word(bytes, i)); i += Long.BYTES) {
                mantissa = mantissa * 100_000_000L + Swar.eightDigitsValue(w);
            }
            while (i < to && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
                i++;
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0) {
                return Double.NaN;
            }
        }
        if (i != to) {
            return Double.NaN;
        }
        if (integerDigits + fractionDigits > PLAIN_DIGITS) {
            // Checked already: a plain decimal with more digits goes straight to the correctly rounded parser;
            // one too large for a double is left to the general path, which rejects it.
            double d = JavaDoubleParser.parseDouble(bytes, from, to - from);
            return Double.isInfinite(d) ? Double.NaN : d;
        }
        double value = fractionDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /**
     * Whether a field, from {@code i} after its sign, may go to FastDoubleParser's JSON parser
     * ({@link #longDecimal}): it starts with a digit that is not a leading zero and has a digit
     * after any point. That parser accepts JSON numbers and also {@code 1.}, {@code .5} and
     * {@code 1.e5}, which these checks exclude, so whatever it then accepts is a number of this
     * grammar ({@code NumberGrammarTest} holds the byte path to the general path on any text).
     */
    private static boolean jsonReadable(byte[] bytes, int i, int to) {
        if (!digit(bytes[i]) || (bytes[i] == '0' && i + 1 < to && digit(bytes[i + 1]))) {
            return false;
        }
        int dot = Swar.dot(bytes, i, to);
        return dot == to || (dot + 1 < to && digit(bytes[dot + 1]));
    }

    /**
     * A field too long for the exact fast path, converted and checked in one pass by
     * FastDoubleParser's JSON parser, correctly rounded; what it refuses, and a magnitude beyond a
     * double, comes back as NaN for the general path, which reads or rejects it.
     */
    private static double longDecimal(byte[] bytes, int from, int to) {
        try {
            double d = JsonDoubleParser.parseDouble(bytes, from, to - from);
            return Double.isInfinite(d) ? Double.NaN : d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Whether {@code text[from, to)} follows the grammar. */
    public static boolean matches(CharSequence text, int from, int to) {
        int i = from;
        if (i < to && text.charAt(i) == '-') {
            i++;
        }
        int d = digits(text, i, to);
        if (d == i) {
            return false;
        }
        i = d;
        if (i < to && text.charAt(i) == '.') {
            d = digits(text, i + 1, to);
            if (d == i + 1) {
                return false;
            }
            i = d;
        }
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            d = digits(text, i, to);
            if (d == i) {
                return false;
            }
            i = d;
        }
        return i == to;
    }

    /** Whether {@code text[from, to)} is an integer: optional '-' and digits only. */
    static boolean isInteger(CharSequence text, int from, int to) {
        int i = from < to && text.charAt(from) == '-' ? from + 1 : from;
        return i < to && digits(text, i, to) == to;
    }

    private static int digits(CharSequence text, int i, int to) {
        while (i < to) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Why {@code text[from, to)}, which does not follow the grammar, is rejected. */
    static String reason(CharSequence text, int from, int to) {
        if (from == to) {
            return "is empty: expected a number";
        }
        String s = text.subSequence(from, to).toString().strip();
        if (s.isEmpty()) {
            return "is blank: expected a number";
        }
        String word = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (word.equalsIgnoreCase("nan") || word.equalsIgnoreCase("infinity") || word.equalsIgnoreCase("inf")) {
            return "is not a finite number";
        }
        return "is not a number (expected " + DESCRIPTION + ")";
    }
}
