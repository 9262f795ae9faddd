package io.github.camelasl.resource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * User mappings from Task Resources to Camel endpoint URIs, so the same definition runs on AWS services,
 * on-prem endpoints or a mix: an ordered list of rules {@code PATTERN -> URI}; the first rule whose pattern
 * matches the whole Resource gives the URI.
 *
 * <p>A pattern is a glob: {@code *} matches any run of characters (none included, {@code :} and {@code /}
 * too); every other character stands for itself. In the URI, {@code {1}}, {@code {2}}, ... are replaced by
 * what the first, second, ... {@code *} matched (each {@code *} as few characters as the rest of the pattern
 * allows), and {@code {0}} by the whole Resource. What is inserted may hold only letters, digits and
 * {@code - _ . : / $} ({@link UriSafeText}): a Resource whose inserted part holds anything else ({@code ?},
 * {@code &}, {@code #}, {@code %}, {@code {}, whitespace...) would add options or placeholders to the URI, and is
 * refused with a {@link ResourceRefusedException} naming it (at deployment, a validation error at the state's
 * Resource):
 *
 * <pre>
 * arn:aws:lambda:*:*:function:validate-*  -&gt;  bean:validator
 * arn:aws:lambda:*:*:function:*            -&gt;  direct:lambda-{3}
 * arn:aws:states:::sqs:sendMessage         -&gt;  kafka:orders
 * </pre>
 *
 * <p>Built in code ({@code ResourceMapping.builder().map(pattern, uri).build()}) or read from a file:
 * <ul>
 * <li>{@code .properties}: {@code PATTERN = URI} a line, in file order. Only {@code =} separates (patterns are
 * ARNs, full of {@code :}); {@code #} and {@code !} start comments; a trailing {@code \} continues the line;
 * the escapes of {@code java.util.Properties} work ({@code \:}, {@code \=}, <code>&#92;uXXXX</code>, ...). UTF-8.</li>
 * <li>{@code .json}: {@code {"mappings": [{"resource": PATTERN, "uri": URI}, ...]}}, or an object
 * {@code {PATTERN: URI, ...}} whose members are taken in document order.</li>
 * </ul>
 * Another name is read as JSON when it starts with {@code {}, else as properties. A file's problems are
 * reported together, each with the file and the line (or the JSON member): a pattern that is not a valid glob
 * (empty, with whitespace, {@code **}, or {@code ?}/{@code [}/{@code ]}, which are not wildcards here), a
 * pattern mapped twice, an empty URI or one without a {@code scheme:}, a {@code {n}} beyond the pattern's
 * {@code *}s, malformed JSON.
 *
 * <p>Mappings are tried before every other resolver (see {@link ResourceResolvers}), so they can send an AWS
 * ARN that a connector would handle to an on-prem endpoint instead. Set them with the {@code asl} component's
 * {@code resourceMappings} option (comma-separated {@code classpath:}/{@code file:} locations), bind a
 * {@code ResourceMapping} in the registry, or pass {@code --resource-map FILE} to the CLI.
 */
public final class ResourceMapping implements ResourceResolver {

    private static final Pattern CAPTURE = Pattern.compile("\\{(\\d+)}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** One rule: a glob over the whole Resource and the URI template it maps to. */
    public static final class Rule {
        private final String pattern;
        private final String uri;
        private final String origin;
        private final Pattern regex;

        private Rule(String pattern, String uri, String origin) {
            this.pattern = pattern;
            this.uri = uri;
            this.origin = origin;
            this.regex = Glob.compile(pattern);
        }

        public String pattern() {
            return pattern;
        }

        public String uri() {
            return uri;
        }

        /** Where the rule was written ({@code orders.properties line 3}), for messages. */
        public String origin() {
            return origin;
        }

        /** Whether the URI inserts parts of the Resource ({@code {1}}, ...). */
        public boolean insertsParts() {
            return CAPTURE.matcher(uri).find();
        }

        /** The URI for {@code resource}, with its captures filled in, when the pattern matches it. */
        public Optional<String> apply(String resource) {
            if (!Glob.matches(pattern, resource)) {
                return Optional.empty(); // the regular expression only gives the captures of a match
            }
            Matcher m = regex.matcher(resource);
            if (!m.matches()) {
                return Optional.empty();
            }
            Matcher refs = CAPTURE.matcher(uri);
            StringBuilder out = new StringBuilder();
            while (refs.find()) {
                int n = Integer.parseInt(refs.group(1));
                String captured = UriSafeText.require(resource, refs.group() + " part", m.group(n),
                        "mapped by " + origin + " (" + this + ")");
                refs.appendReplacement(out, Matcher.quoteReplacement(captured));
            }
            refs.appendTail(out);
            return Optional.of(out.toString());
        }

        @Override
        public String toString() {
            return pattern + " -> " + uri;
        }
    }

    private final List<Rule> rules;
    private final String description;

    private ResourceMapping(List<Rule> rules, String description) {
        this.rules = List.copyOf(rules);
        this.description = description;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rules, in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The URI of the first rule matching {@code resource}.
     *
     * @throws ResourceRefusedException when that rule would insert a part of the Resource that changes the URI
     */
    public Optional<String> map(String resource) {
        if (resource == null) {
            return Optional.empty();
        }
        for (Rule rule : rules) {
            Optional<String> uri = rule.apply(resource);
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }

    /** The first rule whose pattern matches {@code resource}: the one {@link #map} uses. */
    public Optional<Rule> rule(String resource) {
        return resource == null ? Optional.empty()
                : rules.stream().filter(rule -> Glob.matches(rule.pattern(), resource)).findFirst();
    }

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return map(resource);
    }

    /** The mappings one after the other: the rules of the first are tried first. */
    public static ResourceMapping concat(Collection<ResourceMapping> mappings) {
        List<Rule> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ResourceMapping mapping : mappings) {
            all.addAll(mapping.rules);
            names.add(mapping.description);
        }
        return new ResourceMapping(all, String.join(", ", names));
    }

    @Override
    public String toString() {
        return "ResourceMapping[" + description + ": " + rules.size() + (rules.size() == 1 ? " rule]" : " rules]");
    }

    // --- building in code ---

    /** Rules in code; {@link #map} checks each at once and throws {@link ResourceMappingException}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, Integer> seen = new HashMap<>();

        private Builder() {
        }

        /** Adds the rule {@code pattern -> uri}, tried after those added before. */
        public Builder map(String pattern, String uri) {
            int index = rules.size();
            List<String> problems = new ArrayList<>();
            String where = "rule " + (index + 1) + " (" + pattern + ")";
            check(pattern, uri, problem -> problems.add(where + ": " + problem));
            Integer first = pattern == null ? null : seen.get(pattern);
            if (first != null) {
                problems.add(where + ": pattern '" + pattern + "' is already mapped by rule " + (first + 1));
            }
            if (!problems.isEmpty()) {
                throw new ResourceMappingException(problems);
            }
            seen.put(pattern, index);
            rules.add(new Rule(pattern, uri.trim(), "rule " + (index + 1)));
            return this;
        }

        public ResourceMapping build() {
            return new ResourceMapping(rules, "code");
        }
    }

    // --- loading ---

    /**
     * Reads the mapping files at {@code locations}, comma-separated ({@code classpath:}, {@code file:} or anything
     * Camel's {@link ResourceHelper} resolves; no prefix means the classpath), into one mapping whose rules are
     * those of the first file, then the second, ...
     *
     * @throws ResourceMappingException listing every problem of every file
     */
    public static ResourceMapping load(CamelContext camelContext, String locations) {
        List<ResourceMapping> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String location : locations == null ? new String[0] : locations.split(",")) {
            location = location.trim();
            if (location.isEmpty()) {
                continue;
            }
            try {
                loaded.add(parse(location, read(camelContext, location)));
            } catch (ResourceMappingException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ResourceMappingException(problems);
        }
        return concat(loaded);
    }

    private static String read(CamelContext camelContext, String location) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new ResourceMappingException(location + ": cannot read the resource mappings: not found");
        } catch (IOException | RuntimeException e) {
            throw new ResourceMappingException(location + ": cannot read the resource mappings: " + e.getMessage());
        }
    }

    /**
     * Parses the mapping file {@code source} (its name, used in messages and to tell the format: {@code .json},
     * {@code .properties}, else JSON when the text starts with <code>{</code>).
     */
    public static ResourceMapping parse(String source, String text) {
        String name = source.toLowerCase(Locale.ROOT);
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        boolean json = name.endsWith(".json")
                || (!name.endsWith(".properties") && text.stripLeading().startsWith("{"));
        return json ? parseJson(source, text) : parseProperties(source, text);
    }

    /** Parses {@code PATTERN = URI} lines (see the class comment); {@code source} names the file in messages. */
    public static ResourceMapping parseProperties(String source, String text) {
        Collector rules = new Collector(source);
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\r\n|\r|\n", -1)
                : text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            int lineNo = i + 1;
            String line = lines[i++].stripLeading();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line)) {
                logical.append(line, 0, line.length() - 1);
                line = i < lines.length ? lines[i++].stripLeading() : "";
            }
            logical.append(line);
            String where = "line " + lineNo;
            int eq = separator(logical);
            if (eq < 0) {
                rules.problem(where, "no '=' between the pattern and the URI (a line is PATTERN = URI; "
                        + "':' does not separate them)");
                continue;
            }
            try {
                String pattern = unescape(logical.substring(0, eq).strip());
                String uri = unescape(logical.substring(eq + 1).strip());
                rules.add(where, pattern, uri);
            } catch (IllegalArgumentException e) {
                rules.problem(where, e.getMessage());
            }
        }
        return rules.result();
    }

    /** Parses the JSON forms (see the class comment); {@code source} names the file in messages. */
    public static ResourceMapping parseJson(String source, String text) {
        Collector rules = new Collector(source);
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ResourceMappingException(source + " " + at(p) + ": expected a JSON object: "
                        + "{\"mappings\": [{\"resource\": PATTERN, \"uri\": URI}, ...]} or {PATTERN: URI, ...}");
            }
            List<String[]> members = new ArrayList<>(); // {name, where, URI} of the {PATTERN: URI} form
            List<String[]> nonStrings = new ArrayList<>(); // {name, where, what it is}
            boolean list = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String where = at(p);
                JsonToken value = p.nextToken();
                if ("mappings".equals(name) && value == JsonToken.START_ARRAY) {
                    list = true;
                    readList(p, rules);
                } else if (value == JsonToken.VALUE_STRING) {
                    members.add(new String[] {name, where, p.getText()});
                } else {
                    nonStrings.add(new String[] {name, where, describe(value)});
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                rules.problem(at(p), "unexpected content after the JSON object");
            }
            for (String[] m : nonStrings) {
                rules.problem(m[1], "mappings".equals(m[0])
                        ? "\"mappings\" must be an array of {\"resource\": PATTERN, \"uri\": URI} objects, not " + m[2]
                        : list ? "unexpected member \"" + m[0] + "\" beside \"mappings\""
                        : "\"" + m[0] + "\" must map to a URI string, not " + m[2]);
            }
            for (String[] m : members) {
                if (list) {
                    rules.problem(m[1], "unexpected member \"" + m[0] + "\" beside \"mappings\"");
                } else {
                    rules.add(m[1] + " (\"" + m[0] + "\")", m[0], m[2]);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ResourceMappingException(source + where + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResourceMappingException(source + ": cannot read the resource mappings: " + e.getMessage());
        }
        return rules.result();
    }

    private static void readList(JsonParser p, Collector rules) throws IOException {
        int index = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            String where = "mappings[" + index++ + "] (" + at(p) + ")";
            if (token != JsonToken.START_OBJECT) {
                rules.problem(where, "expected an object {\"resource\": PATTERN, \"uri\": URI}, not "
                        + describe(token));
                p.skipChildren();
                continue;
            }
            String resource = null;
            String uri = null;
            boolean ok = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"resource".equals(name) && !"uri".equals(name)) {
                    rules.problem(where, "unknown member \"" + name + "\" (expected \"resource\" and \"uri\")");
                    ok = false;
                    p.skipChildren();
                } else if (value != JsonToken.VALUE_STRING) {
                    rules.problem(where, "\"" + name + "\" must be a string, not " + describe(value));
                    ok = false;
                    p.skipChildren();
                } else if ("resource".equals(name)) {
                    resource = p.getText();
                } else {
                    uri = p.getText();
                }
            }
            if (resource == null && ok) {
                rules.problem(where, "no \"resource\" (the pattern)");
            } else if (uri == null && ok) {
                rules.problem(where, "no \"uri\" for pattern '" + resource + "'");
            } else if (ok) {
                rules.add(where, resource, uri);
            }
        }
    }

    private static String at(JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return "line " + loc.getLineNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "a string";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** Gathers a file's rules and problems; a pattern mapped twice in one file is a problem. */
    private static final class Collector {
        private final String source;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, String> seen = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Collector(String source) {
            this.source = source;
        }

        void problem(String where, String what) {
            problems.add(source + " " + where + ": " + what);
        }

        void add(String where, String pattern, String uri) {
            int before = problems.size();
            check(pattern, uri, problem -> problem(where, problem));
            String first = seen.putIfAbsent(pattern, where);
            if (first != null) {
                problem(where, "pattern '" + pattern + "' is already mapped at " + first);
            }
            if (problems.size() == before) {
                rules.add(new Rule(pattern, uri.strip(), source + " " + where));
            }
        }

        ResourceMapping result() {
            if (!problems.isEmpty()) {
                throw new ResourceMappingException(problems);
            }
            return new ResourceMapping(rules, source);
        }
    }

    // --- checks, glob and properties syntax ---

    private static void check(String pattern, String uri, java.util.function.Consumer<String> problems) {
        int stars = 0;
        String invalid = Glob.problem(pattern);
        if (invalid != null) {
            problems.accept(invalid);
        } else if (pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0 || pattern.indexOf(']') >= 0) {
            char c = pattern.chars().filter(ch -> ch == '?' || ch == '[' || ch == ']').mapToObj(ch -> (char) ch)
                    .findFirst().orElseThrow();
            problems.accept("pattern '" + pattern + "' is not a valid glob: '" + c
                    + "' is not supported (only '*' is a wildcard)");
        }
        if (pattern != null) {
            stars = (int) pattern.chars().filter(ch -> ch == '*').count();
        }
        if (uri == null || uri.isBlank()) {
            problems.accept("the URI for pattern '" + pattern + "' is empty");
            return;
        }
        if (!SCHEME.matcher(uri.strip()).matches()) {
            problems.accept("URI '" + uri.strip() + "' is not a Camel endpoint URI (it needs a scheme, as in "
                    + "direct:name)");
        }
        Matcher refs = CAPTURE.matcher(uri);
        while (refs.find()) {
            int n = refs.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(refs.group(1));
            if (n > stars) {
                problems.accept("URI '" + uri.strip() + "' uses " + refs.group() + " but pattern '" + pattern
                        + "' has " + (stars == 0 ? "no '*'" : stars == 1 ? "one '*'" : stars + " '*'s"));
            }
        }
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The index of the first '=' not escaped by a backslash, or -1. */
    private static int separator(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    String hex = i + 5 <= s.length() ? s.substring(i + 1, i + 5) : "";
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        throw new IllegalArgumentException("malformed \\uXXXX escape in '" + s + "'");
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
