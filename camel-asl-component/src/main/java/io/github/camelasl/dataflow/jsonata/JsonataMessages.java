package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONata error texts as JSONata 2.0.6 (the version AWS runs) words them: {@code "<code>: <message>"}, e.g.
 * {@code T1006: Attempted to invoke a non-function}.
 *
 * <p>Why not the library's own message: jsonata-java 0.9.9 ported the table with "function" replaced by "Object"
 * throughout ("The sqrt Object cannot be applied ..."), quotes every inserted value as a string ("1" for the number 1)
 * and fills placeholders by position, sometimes from the wrong field. Here the JavaScript templates are rendered the
 * JavaScript way: {@code {{x}}} is JSON.stringify(x), {@code {{{x}}}} the raw text.
 */
final class JsonataMessages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{(\\w+)}}}|\\{\\{(\\w+)}}");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern ORDERING_OPERATOR = Pattern.compile("<=|>=|<|>");
    private static final Map<String, String> TEMPLATES = new HashMap<>();
    /** JSONata's names for the item types of typed array signatures, as T0412 prints them. */
    private static final Map<String, String> ARRAY_TYPES = Map.of(
            "a", "arrays", "b", "booleans", "f", "functions", "n", "numbers", "o", "objects", "s", "strings");
    /** The library raises D3010 with its sentence where the code belongs. */
    private static final String REPLACE_EMPTY = "Second argument of replace function cannot be an empty string";

    static {
        template("S0101", "String literal must be terminated by a matching quote");
        template("S0102", "Number out of range: {{token}}");
        template("S0103", "Unsupported escape sequence: \\{{token}}");
        template("S0104", "The escape sequence \\u must be followed by 4 hex digits");
        template("S0105", "Quoted property name must be terminated with a backquote (`)");
        template("S0106", "Comment has no closing tag");
        template("S0201", "Syntax error: {{token}}");
        template("S0202", "Expected {{value}}, got {{token}}");
        template("S0203", "Expected {{value}} before end of expression");
        template("S0204", "Unknown operator: {{token}}");
        template("S0205", "Unexpected token: {{token}}");
        template("S0206", "Unknown expression type: {{token}}");
        template("S0207", "Unexpected end of expression");
        template("S0208", "Parameter {{value}} of function definition must be a variable name (start with $)");
        template("S0209", "A predicate cannot follow a grouping expression in a step");
        template("S0210", "Each step can only have one grouping expression");
        template("S0211", "The symbol {{token}} cannot be used as a unary operator");
        template("S0212", "The left side of := must be a variable name (start with $)");
        template("S0213", "The literal value {{value}} cannot be used as a step within a path expression");
        template("S0214", "The right side of {{token}} must be a variable name (start with $)");
        template("S0215", "A context variable binding must precede any predicates on a step");
        template("S0216", "A context variable binding must precede the 'order-by' clause on a step");
        template("S0217", "The object representing the 'parent' cannot be derived from this expression");
        template("S0301", "Empty regular expressions are not allowed");
        template("S0302", "No terminating / in regular expression");
        template("S0402", "Choice groups containing parameterized types are not supported");
        template("S0401", "Type parameters can only be applied to functions and arrays");
        template("S0500", "Attempted to evaluate an expression containing syntax error(s)");
        template("T0410", "Argument {{index}} of function {{token}} does not match function signature");
        template("T0411", "Context value is not a compatible type with argument {{index}} of function {{token}}");
        template("D1001", "Number out of range: {{value}}");
        template("T1003", "Key in object structure must evaluate to a string; got: {{value}}");
        template("D1004", "Regular expression matches zero length string");
        template("T1005", "Attempted to invoke a non-function. Did you mean ${{{token}}}?");
        template("T1006", "Attempted to invoke a non-function");
        template("T1007", "Attempted to partially apply a non-function. Did you mean ${{{token}}}?");
        template("T1008", "Attempted to partially apply a non-function");
        template("D1009", "Multiple key definitions evaluate to same key: {{value}}");
        template("T1010", "The matcher function argument passed to function {{token}} does not return the correct object structure");
        template("T2001", "The left side of the {{token}} operator must evaluate to a number");
        template("T2002", "The right side of the {{token}} operator must evaluate to a number");
        template("T2003", "The left side of the range operator (..) must evaluate to an integer");
        template("T2004", "The right side of the range operator (..) must evaluate to an integer");
        template("D2005", "The left side of := must be a variable name (start with $)");
        template("T2006", "The right side of the function application operator ~> must be a function");
        template("T2007", "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause");
        template("T2008", "The expressions within an order-by clause must evaluate to numeric or string values");
        template("T2010", "The expressions either side of operator {{token}} must evaluate to numeric or string values");
        template("T2011", "The insert/update clause of the transform expression must evaluate to an object: {{value}}");
        template("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}");
        template("T2013", "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function.");
        template("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e6.  Attempted to allocate {{value}}.");
        template("D3001", "Attempting to invoke string function on Infinity or NaN");
        template("D3010", "Second argument of replace function cannot be an empty string");
        template("D3011", "Fourth argument of replace function must evaluate to a positive number");
        template("D3012", "Attempted to replace a matched string with a non-string value");
        template("D3020", "Third argument of split function must evaluate to a positive number");
        template("D3030", "Unable to cast value to a number: {{value}}");
        template("D3040", "Third argument of match function must evaluate to a positive number");
        template("D3050", "The second argument of reduce function must be a function with at least two arguments");
        template("D3060", "The sqrt function cannot be applied to a negative number: {{value}}");
        template("D3061", "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}");
        template("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
        template("D3080", "The picture string must only contain a maximum of two sub-pictures");
        template("D3081", "The sub-picture must not contain more than one instance of the 'decimal-separator' character");
        template("D3082", "The sub-picture must not contain more than one instance of the 'percent' character");
        template("D3083", "The sub-picture must not contain more than one instance of the 'per-mille' character");
        template("D3084", "The sub-picture must not contain both a 'percent' and a 'per-mille' character");
        template("D3085", "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'");
        template("D3086", "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character");
        template("D3087", "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character");
        template("D3088", "The sub-picture must not contain a 'grouping-separator' at the end of the integer part");
        template("D3089", "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character");
        template("D3090", "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'");
        template("D3091", "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'");
        template("D3092", "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'");
        template("D3093", "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'");
        template("D3110", "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}");
        template("D3130", "Formatting or parsing an integer as a sequence starting with {{value}} is not supported by this implementation");
        template("D3131", "In a decimal digit pattern, all digits must be from the same decimal group");
        template("D3132", "Unknown component specifier {{value}} in date/time picture string");
        template("D3133", "The 'name' modifier can only be applied to months and days in the date/time picture string, not {{value}}");
        template("D3134", "The timezone integer format specifier cannot have more than four digits");
        template("D3135", "No matching closing bracket ']' in date/time picture string");
        template("D3136", "The date/time picture string is missing specifiers required to parse the timestamp");
        template("D3137", "{{{message}}}");
        template("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
        template("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
        template("D3140", "Malformed URL passed to ${{{functionName}}}(): {{value}}");
        template("D3141", "{{{message}}}");
        template("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
    }

    private JsonataMessages() {
    }

    private static void template(String code, String text) {
        TEMPLATES.put(code, text);
    }

    /**
     * "CODE: message" for a library exception.
     *
     * @param source the expression's text, to recover what the library leaves out of some errors
     */
    static String describe(JException e, String source) {
        String code = e.getError();
        Object first = e.getCurrent();
        Object second = e.getExpected();
        switch (code) {
            case REPLACE_EMPTY:
                return "D3010: " + REPLACE_EMPTY;
            case "D1002":
                // the library passes the operator first and the operand second
                return code + ": Cannot negate a non-numeric value: " + JsText.quote(second);
            case "D3100":
                // the library passes the radix as the error's position
                return code + ": The radix of the formatBase function must be between 2 and 36.  It was given "
                        + e.getLocation();
            case "T0412":
                // raised for the typed array that is the first argument of $sum, $max, $min, $average and $join
                String function = functionBefore(source, e.getLocation());
                String type = ARRAY_TYPES.get(String.valueOf(second));
                if (function != null && type != null) {
                    return code + ": Argument 1 of function " + JsText.quote(function) + " must be an array of "
                            + JsText.quote(type);
                }
                return code + ": " + libraryText(e);
            case "T2009":
                // the library does not pass the operator: take it from the source when only one kind is written
                String operator = comparisonOperator(source);
                return code + ": The values " + JsText.quote(first) + " and " + JsText.quote(second)
                        + " either side of operator " + (operator == null ? "" : JsText.quote(operator) + " ")
                        + "must be of the same data type";
            default:
                String template = TEMPLATES.get(code);
                // a code without a template here: the library's text, wording fixed
                return code + ": " + (template == null ? libraryText(e) : render(template, first, second));
        }
    }

    /** The one ordering operator (<, <=, >, >=) the source uses outside string literals, or null. */
    private static String comparisonOperator(String source) {
        String text = STRING_LITERAL.matcher(source).replaceAll("''");
        Set<String> found = new HashSet<>();
        Matcher matcher = ORDERING_OPERATOR.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }

    /** The name of the function whose "(" ends just before {@code end} in {@code source}, e.g. "sum". */
    private static String functionBefore(String source, int end) {
        int i = Math.min(end, source.length()) - 1;
        while (i >= 0 && (source.charAt(i) == '(' || Character.isWhitespace(source.charAt(i)))) {
            i--;
        }
        int nameEnd = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
            i--;
        }
        return i >= 0 && source.charAt(i) == '$' && nameEnd > i + 1 ? source.substring(i + 1, nameEnd) : null;
    }

    /** An error raised here, by the Step Functions functions or a JSONata 2.0.6 behaviour the library lacks. */
    static String describe(String code, Object first, Object second) {
        return code + ": " + render(TEMPLATES.get(code), first, second);
    }

    /** Fills placeholders in order: the first from {@code first}, the second from {@code second}. */
    private static String render(String template, Object first, Object second) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            Object value = index == 0 ? first : index == 1 ? second : null;
            index++;
            String text = matcher.group(1) != null ? raw(value) : JsText.quote(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String raw(Object value) {
        if (value instanceof Number number && !(value instanceof Integer || value instanceof Long)) {
            return JsNumbers.toJsString(number.doubleValue());
        }
        return String.valueOf(value);
    }

    private static String libraryText(JException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int details = message.indexOf(" {code=");
        if (details >= 0) {
            message = message.substring(0, details);
        }
        return message.replaceAll("\\bObject\\b", "function");
    }
}
