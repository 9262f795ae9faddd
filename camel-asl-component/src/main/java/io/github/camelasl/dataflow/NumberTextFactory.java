package io.github.camelasl.dataflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import com.fasterxml.jackson.core.sym.CharsToNameCanonicalizer;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;

/**
 * Jackson's factory, whose parsers keep the text of a decimal that a BigDecimal would write differently
 * ({@code 1e2}, {@code -0.0}, {@code 0.0000001}): a number that passes through an execution comes out as it came
 * in, as on AWS (its recorded histories keep {@code 0.0} as {@code 0.0}). Every other decimal is exact already, its
 * BigDecimal writing the text it was read from ({@code 60.0}, {@code 1.10}), so it costs a look at its characters and
 * nothing is kept beside it.
 */
final class NumberTextFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;

    NumberTextFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    private NumberTextFactory(NumberTextFactory source, ObjectCodec codec) {
        super(source, codec);
    }

    @Override
    public JsonFactory copy() {
        return new NumberTextFactory(this, null);
    }

    // text (every Json.parse): Jackson's own parser, subclassed, so the engine's parses pay no indirection

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new TextParser(context, _parserFeatures, reader, _objectCodec, _rootCharSymbols.makeChild());
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new TextParser(context, _parserFeatures, _objectCodec, _rootCharSymbols.makeChild(), data, offset,
                offset + length, recyclable);
    }

    // bytes: Jackson picks the parser for their encoding, so it is wrapped

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new BytesParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new BytesParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new BytesParser(super._createParser(input, context));
    }

    /** {@code value}, the decimal {@code parser} has just read, or the same decimal keeping the text read. */
    private static BigDecimal asRead(JsonParser parser, BigDecimal value) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return value;
        }
        String text = parser.getText(); // the parser's own, kept since it read the number: no copy
        return writesAsRead(text, value) ? value : new WrittenDecimal(value, text);
    }

    /**
     * True when the decimal's own text is the text read: it has no exponent, is not a negative zero, and is not small
     * enough for BigDecimal to write it with an exponent ({@code 0.0000001} is {@code 1E-7}). Decided without writing
     * the decimal, which the engine may never need.
     */
    private static boolean writesAsRead(String text, BigDecimal value) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
        }
        boolean negativeZero = value.signum() == 0 && text.charAt(0) == '-';
        // BigDecimal.toString: plain when the adjusted exponent (precision - scale - 1) is at least -6
        return !negativeZero && value.scale() - value.precision() < 6;
    }

    private static final class TextParser extends ReaderBasedJsonParser {

        TextParser(IOContext context, int features, Reader reader, ObjectCodec codec, CharsToNameCanonicalizer names) {
            super(context, features, reader, codec, names);
        }

        TextParser(IOContext context, int features, ObjectCodec codec, CharsToNameCanonicalizer names, char[] data,
                int start, int end, boolean recyclable) {
            super(context, features, null, codec, names, data, start, end, recyclable);
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            return asRead(this, super.getDecimalValue());
        }
    }

    private static final class BytesParser extends JsonParserDelegate {

        BytesParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            return asRead(delegate, delegate.getDecimalValue());
        }
    }

    /**
     * A decimal that writes the text it was read from: Jackson writes a BigDecimal (and DecimalNode's asText) with
     * {@code toString()}. Arithmetic on it gives plain BigDecimals, so a computed number is written as computed.
     */
    static final class WrittenDecimal extends BigDecimal {

        private static final long serialVersionUID = 1L;
        private final String text;

        WrittenDecimal(BigDecimal value, String text) {
            super(value.unscaledValue(), value.scale());
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
