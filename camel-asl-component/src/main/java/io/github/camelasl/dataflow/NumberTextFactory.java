package io.github.camelasl.dataflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
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

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new NumberTextParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new NumberTextParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new NumberTextParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new NumberTextParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new NumberTextParser(super._createParser(input, context));
    }

    /** Hands out decimals that write the text they were read from. */
    private static final class NumberTextParser extends JsonParserDelegate {

        NumberTextParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            BigDecimal value = delegate.getDecimalValue();
            if (delegate.currentToken() != JsonToken.VALUE_NUMBER_FLOAT || writesAsRead(value)) {
                return value;
            }
            return new WrittenDecimal(value, delegate.getText());
        }

        /**
         * True when the decimal's own text is the text read: it has no exponent, is not a negative zero, and is not
         * small enough for BigDecimal to write it with an exponent ({@code 0.0000001} is {@code 1E-7}). Decided
         * without writing the decimal, which the engine may never need.
         */
        private boolean writesAsRead(BigDecimal value) throws IOException {
            char[] text = delegate.getTextCharacters();
            int offset = delegate.getTextOffset();
            int end = offset + delegate.getTextLength();
            for (int i = offset; i < end; i++) {
                if (text[i] == 'e' || text[i] == 'E') {
                    return false;
                }
            }
            boolean negativeZero = value.signum() == 0 && text[offset] == '-';
            // BigDecimal.toString: plain when the adjusted exponent (precision - scale - 1) is at least -6
            return !negativeZero && value.scale() - value.precision() < 6;
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
