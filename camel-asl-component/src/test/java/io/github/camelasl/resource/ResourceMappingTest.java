package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Globs, captures, rule order, the two file formats and their error messages. */
class ResourceMappingTest {

    private static final String VALIDATE = "arn:aws:lambda:us-east-1:123456789012:function:validate-orders";

    // --- matching ---

    @Test
    void aStarMatchesAnyRunOfCharactersAndThePatternCoversTheWholeResource() {
        ResourceMapping m = ResourceMapping.builder()
                .map("arn:aws:lambda:*:*:function:validate-*", "bean:validator")
                .build();
        assertEquals(Optional.of("bean:validator"), m.map(VALIDATE));
        assertEquals(Optional.of("bean:validator"), m.map("arn:aws:lambda:eu-west-1:1:function:validate-"));
        assertEquals(Optional.empty(), m.map("arn:aws:lambda:us-east-1:1:function:train"));
        assertEquals(Optional.empty(), m.map("x" + VALIDATE), "the pattern is anchored at the start");
        assertEquals(Optional.empty(), m.map(null));
    }

    @Test
    void everyOtherCharacterIsLiteral() {
        ResourceMapping m = ResourceMapping.builder().map("arn:aws:states:::sqs:send.Message+(x)", "seda:q").build();
        assertEquals(Optional.of("seda:q"), m.map("arn:aws:states:::sqs:send.Message+(x)"));
        assertEquals(Optional.empty(), m.map("arn:aws:states:::sqs:sendXMessage+(x)"));
    }

    @Test
    void capturesFillTheUri() {
        ResourceMapping m = ResourceMapping.builder()
                .map("arn:aws:lambda:*:*:function:*", "direct:lambda-{3}?region={1}&account={2}")
                .map("arn:aws:states:::*", "log:{1}?showAll={0}")
                .build();
        assertEquals(Optional.of("direct:lambda-validate-orders?region=us-east-1&account=123456789012"),
                m.map(VALIDATE));
        // each '*' takes as little as it can: a qualifier stays with the last one
        assertEquals(Optional.of("direct:lambda-train:prod?region=us-east-1&account=1"),
                m.map("arn:aws:lambda:us-east-1:1:function:train:prod"));
        assertEquals(Optional.of("log:sns:publish?showAll=arn:aws:states:::sns:publish"),
                m.map("arn:aws:states:::sns:publish"));
    }

    @Test
    void aCaptureThatWouldAddUriOptionsOrPlaceholdersIsRefusedNamingIt() {
        ResourceMapping m = ResourceMapping.builder()
                .map("arn:aws:lambda:*:*:function:*", "direct:lambda-{3}")
                .build();
        for (String tail : List.of("x?foo=bar&{{evil}}", "x%3Ffoo%3Dbar", "x#frag", "a${env:HOME}", "a b", "a\nb",
                "RAW(x)", "x+y")) {
            String resource = "arn:aws:lambda:us-east-1:1:function:" + tail;
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class, () -> m.map(resource),
                    () -> "mapped to " + m.map(resource));
            assertTrue(refused.getMessage().contains(resource), refused.getMessage());
            assertTrue(refused.getMessage().contains("{3}"), refused.getMessage());
        }
        // what ARN parts hold goes in as it is: names, versions, aliases, paths
        assertEquals(Optional.of("direct:lambda-my_fn-2.v1:$LATEST/x"),
                m.map("arn:aws:lambda:us-east-1:1:function:my_fn-2.v1:$LATEST/x"));
    }

    @Test
    void theWholeResourceIsCheckedTooWhenItIsInserted() {
        ResourceMapping m = ResourceMapping.builder().map("arn:aws:states:::*", "log:{1}?showAll={0}").build();
        assertThrows(ResourceRefusedException.class, () -> m.map("arn:aws:states:::sns:publish&level=OFF"));
        assertEquals(Optional.of("seda:fixed"), ResourceMapping.builder().map("arn:*", "seda:fixed").build()
                .map("arn:x?y=z&{{w}}"), "a rule that inserts nothing is not affected");
    }

    @Test
    void theFirstMatchingRuleWins() {
        ResourceMapping m = ResourceMapping.builder()
                .map("arn:aws:lambda:*:*:function:validate-*", "bean:validator")
                .map("arn:aws:lambda:*:*:function:*", "direct:lambda-{3}")
                .build();
        assertEquals(Optional.of("bean:validator"), m.map(VALIDATE));
        assertEquals(Optional.of("direct:lambda-train"), m.map("arn:aws:lambda:us-east-1:1:function:train"));
        assertEquals(2, m.rules().size());
        assertEquals("arn:aws:lambda:*:*:function:validate-*", m.rules().get(0).pattern());
    }

    @Test
    void concatTriesTheFirstMappingFirst() {
        ResourceMapping onPrem = ResourceMapping.builder().map("arn:aws:lambda:*", "direct:onprem").build();
        ResourceMapping fallback = ResourceMapping.builder().map("arn:aws:lambda:*", "direct:aws")
                .map("arn:*", "direct:other").build();
        ResourceMapping both = ResourceMapping.concat(List.of(onPrem, fallback));
        assertEquals(Optional.of("direct:onprem"), both.map(VALIDATE));
        assertEquals(Optional.of("direct:other"), both.map("arn:aws:states:::sns:publish"));
    }

    @Test
    void theBuilderRefusesBadRulesAtOnce() {
        assertProblem(() -> ResourceMapping.builder().map("arn:**", "direct:x"), "'**'");
        assertProblem(() -> ResourceMapping.builder().map("arn:aws:lambda:?", "direct:x"), "'?' is not supported");
        assertProblem(() -> ResourceMapping.builder().map("arn:[ab]", "direct:x"), "not a valid glob");
        assertProblem(() -> ResourceMapping.builder().map("arn: x", "direct:x"), "whitespace");
        assertProblem(() -> ResourceMapping.builder().map("", "direct:x"), "the pattern is empty");
        assertProblem(() -> ResourceMapping.builder().map("arn:*", " "), "is empty");
        assertProblem(() -> ResourceMapping.builder().map("arn:*", "nowhere"), "needs a scheme");
        assertProblem(() -> ResourceMapping.builder().map("arn:*:*", "direct:{3}"), "uses {3} but pattern 'arn:*:*' has 2");
        assertProblem(() -> ResourceMapping.builder().map("arn:*", "direct:a").map("arn:*", "direct:b"),
                "already mapped by rule 1");
    }

    // --- properties files ---

    @Test
    void propertiesKeepFileOrderAndTheSyntaxOfPropertiesFiles() {
        String text = """
                # a comment
                ! another one
                arn:aws:lambda:*:*:function:validate-* = bean:validator
                arn\\:aws\\:lambda\\:*\\:*\\:function\\:* = direct:lambda-{3}?\\
                    x=1
                  arn:aws:states:::sqs:sendMessage=kafka:orders?brokers=localhost:9092
                arn:aws:states:::sns:publish = log:sns\\u0021
                """;
        ResourceMapping m = ResourceMapping.parse("orders.properties", text);
        // alphabetical (or hash) order would put the catch-all first
        assertEquals(List.of("arn:aws:lambda:*:*:function:validate-*", "arn:aws:lambda:*:*:function:*",
                        "arn:aws:states:::sqs:sendMessage", "arn:aws:states:::sns:publish"),
                m.rules().stream().map(ResourceMapping.Rule::pattern).toList());
        assertEquals(Optional.of("bean:validator"), m.map(VALIDATE));
        assertEquals(Optional.of("direct:lambda-train?x=1"), m.map("arn:aws:lambda:us-east-1:1:function:train"));
        assertEquals(Optional.of("kafka:orders?brokers=localhost:9092"), m.map("arn:aws:states:::sqs:sendMessage"));
        assertEquals(Optional.of("log:sns!"), m.map("arn:aws:states:::sns:publish"));
        assertEquals("orders.properties line 3", m.rules().get(0).origin());
    }

    @Test
    void propertiesErrorsNameTheFileAndTheLine() {
        String text = """
                arn:aws:lambda:*:*:function:validate-* = bean:validator
                arn:aws:lambda:** = direct:x

                arn:aws:states:::sqs:sendMessage =
                arn:aws:states:::sns:publish: log:sns
                arn:aws:lambda:*:*:function:validate-* = direct:other
                arn:* = direct:{2}
                """;
        ResourceMappingException e = assertThrows(ResourceMappingException.class,
                () -> ResourceMapping.parse("orders.properties", text));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("orders.properties line 2: pattern 'arn:aws:lambda:**' is not a valid glob"),
                e.getMessage());
        assertTrue(e.problems().get(1).startsWith("orders.properties line 4: the URI for pattern "
                + "'arn:aws:states:::sqs:sendMessage' is empty"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith("orders.properties line 5: no '='"), e.getMessage());
        assertTrue(e.problems().get(3).equals("orders.properties line 6: pattern 'arn:aws:lambda:*:*:function:validate-*'"
                + " is already mapped at line 1"), e.getMessage());
        assertTrue(e.problems().get(4).startsWith("orders.properties line 7: URI 'direct:{2}' uses {2}"), e.getMessage());
    }

    @Test
    void aMalformedEscapeIsReported() {
        assertProblem(() -> ResourceMapping.parse("m.properties", "arn:* = direct:\\u12"),
                "m.properties line 1: malformed \\uXXXX escape");
    }

    // --- JSON files ---

    @Test
    void jsonListForm() {
        String text = """
                {"mappings": [
                  {"resource": "arn:aws:lambda:*:*:function:validate-*", "uri": "bean:validator"},
                  {"resource": "arn:aws:lambda:*:*:function:*", "uri": "direct:lambda-{3}"}
                ]}
                """;
        ResourceMapping m = ResourceMapping.parse("orders.json", text);
        assertEquals(Optional.of("bean:validator"), m.map(VALIDATE));
        assertEquals(Optional.of("direct:lambda-train"), m.map("arn:aws:lambda:us-east-1:1:function:train"));
        assertEquals("orders.json mappings[1] (line 3)", m.rules().get(1).origin());
    }

    @Test
    void jsonObjectFormKeepsDocumentOrder() {
        String text = """
                {
                  "arn:aws:lambda:*:*:function:validate-*": "bean:validator",
                  "arn:aws:lambda:*:*:function:*": "direct:lambda-{3}",
                  "arn:aws:states:::*": "direct:states"
                }
                """;
        // no extension: told by its first character
        ResourceMapping m = ResourceMapping.parse("file:/etc/asl/mappings", text);
        assertEquals(List.of("bean:validator", "direct:lambda-{3}", "direct:states"),
                m.rules().stream().map(ResourceMapping.Rule::uri).toList());
        assertEquals(Optional.of("bean:validator"), m.map(VALIDATE));
    }

    @Test
    void jsonErrorsNameTheFileAndTheMember() {
        String list = """
                {"mappings": [
                  {"resource": "arn:aws:lambda:**", "uri": "direct:x"},
                  {"resource": "arn:aws:states:::sns:publish", "uri": ""},
                  {"resource": "arn:aws:states:::sqs:sendMessage"},
                  {"resource": "arn:x", "url": "direct:x"},
                  "arn:y"
                ]}
                """;
        ResourceMappingException e = assertThrows(ResourceMappingException.class,
                () -> ResourceMapping.parse("orders.json", list));
        assertEquals(List.of(
                "orders.json mappings[0] (line 2): pattern 'arn:aws:lambda:**' is not a valid glob: '**' (two "
                        + "wildcards side by side) is ambiguous; write one '*'",
                "orders.json mappings[1] (line 3): the URI for pattern 'arn:aws:states:::sns:publish' is empty",
                "orders.json mappings[2] (line 4): no \"uri\" for pattern 'arn:aws:states:::sqs:sendMessage'",
                "orders.json mappings[3] (line 5): unknown member \"url\" (expected \"resource\" and \"uri\")",
                "orders.json mappings[4] (line 6): expected an object {\"resource\": PATTERN, \"uri\": URI}, not "
                        + "a string"), e.problems());

        String object = """
                {
                  "arn:aws:lambda:*": "direct:a",
                  "arn:aws:sns:*": 3,
                  "arn:aws:sqs:?": "direct:q"
                }
                """;
        e = assertThrows(ResourceMappingException.class, () -> ResourceMapping.parse("m.json", object));
        assertEquals(List.of("m.json line 3: \"arn:aws:sns:*\" must map to a URI string, not a number",
                "m.json line 4 (\"arn:aws:sqs:?\"): pattern 'arn:aws:sqs:?' is not a valid glob: '?' is not "
                        + "supported (only '*' is a wildcard)"), e.problems());
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        String text = "{\"mappings\": [\n  {\"resource\": \"arn:*\" \"uri\": \"direct:x\"}\n]}";
        ResourceMappingException e = assertThrows(ResourceMappingException.class,
                () -> ResourceMapping.parse("orders.json", text));
        assertTrue(e.getMessage().startsWith("orders.json line 2, column "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertProblem(() -> ResourceMapping.parse("a.json", "[]"), "a.json line 1: expected a JSON object");
        assertProblem(() -> ResourceMapping.parse("a.json", "{\"a:*\": \"direct:a\", \"a:*\": \"direct:b\"}"),
                "is already mapped at line 1");
        assertProblem(() -> ResourceMapping.parse("a.json", "{\"mappings\": {}}"),
                "\"mappings\" must be an array");
    }

    // --- loading ---

    @Test
    void loadReadsClasspathAndFileLocationsInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("override.properties");
        Files.writeString(file, "arn:aws:lambda:*:*:function:validate-* = direct:override\n");
        try (CamelContext camel = new DefaultCamelContext()) {
            ResourceMapping m = ResourceMapping.load(camel,
                    "file:" + file + " , classpath:mappings/orders.properties");
            assertEquals(Optional.of("direct:override"), m.map(VALIDATE));
            assertEquals(Optional.of("direct:lambda-train"), m.map("arn:aws:lambda:us-east-1:1:function:train"));
        }
    }

    @Test
    void loadReportsEveryFilesProblems() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ResourceMappingException e = assertThrows(ResourceMappingException.class, () -> ResourceMapping.load(camel,
                    "classpath:mappings/missing.properties,classpath:mappings/broken.json"));
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("classpath:mappings/missing.properties: cannot read"),
                    e.getMessage());
            assertTrue(e.problems().get(1).startsWith("classpath:mappings/broken.json mappings[1] (line 3): pattern 'arn:**'"), e.getMessage());
        }
    }

    // --- the chain ---

    @Test
    void mappingsComeBeforeEveryOtherResolver() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ResourceResolver lambdas = (resource, ctx) -> Optional.of("direct:registry");
            ResourceResolver configured = (resource, ctx) -> Optional.of("direct:configured");
            ResourceMapping registryMapping = ResourceMapping.builder().map("arn:aws:lambda:*", "direct:bound").build();
            ResourceMapping configuredMapping = ResourceMapping.builder().map("arn:aws:lambda:*:*:*:validate-*",
                    "direct:configured-mapping").build();
            ResourceMapping fromFiles = ResourceMapping.builder().map("arn:aws:lambda:*:*:*:validate-orders",
                    "direct:file").build();
            camel.getRegistry().bind("a-lambdas", lambdas);
            camel.getRegistry().bind("b-mapping", registryMapping);
            camel.getRegistry().bind("configured", configured);

            ResourceResolvers chain = new ResourceResolvers(camel, List.of(fromFiles),
                    List.of(configured, configuredMapping));
            assertEquals(Optional.of("direct:file"), chain.resolve(VALIDATE));
            assertEquals(Optional.of("direct:configured-mapping"),
                    chain.resolve("arn:aws:lambda:us-east-1:1:function:validate-users"));
            assertEquals(Optional.of("direct:bound"), chain.resolve("arn:aws:lambda:us-east-1:1:function:train"));
            assertEquals(Optional.of("direct:configured"), chain.resolve("arn:aws:states:::sns:publish"));
            // fromFiles, configuredMapping, registryMapping, configured (once), lambdas, the built-in Step Functions
            // integrations (before the connectors: none in this module), ActivityResolver, CamelUriResolver
            List<ResourceResolver> order = chain.chain();
            assertEquals(List.of(fromFiles, configuredMapping, registryMapping, configured, lambdas),
                    order.subList(0, 5));
            assertEquals(List.of(StatesResolver.class, ActivityResolver.class, CamelUriResolver.class),
                    order.subList(5, order.size()).stream().map(Object::getClass).toList());
        }
    }

    private static void assertProblem(org.junit.jupiter.api.function.Executable call, String expected) {
        ResourceMappingException e = assertThrows(ResourceMappingException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void aLongResourceThatNoRuleMatchesIsTurnedDownInBoundedTime() {
        // as a regular expression, the pattern's (.*?)s try every split of the 'a's before giving up
        ResourceMapping mapping = ResourceMapping.builder().map("arn:*a*a*a*a*a*a*a*a*b", "direct:b").build();
        String resource = "arn:aws:lambda:us-east-1:123456789012:function:" + "a".repeat(5_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals(Optional.empty(), mapping.map(resource)));
        assertEquals(Optional.of("direct:b"), mapping.map(resource + "b"));
    }
}
