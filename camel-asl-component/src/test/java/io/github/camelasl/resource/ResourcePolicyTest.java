package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.validation.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component's resource policy options ({@code allowedResources}, {@code deniedResources}, {@code allowedFolders},
 * {@code strictResourcePolicy}, a {@code resourcePolicy} bean) and the built-in rules they sit on.
 */
class ResourcePolicyTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final AslComponent asl = new AslComponent();

    ResourcePolicyTest() {
        asl.setStore("memory");
        camel.addComponent("asl", asl);
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private void start(String definition) throws Exception {
        camel.getRegistry().bind("definition", definition.replace('\'', '"'));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:policy?definition=ref:definition");
                from("direct:work").setBody(constant("{\"done\": true}"));
            }
        });
        camel.start();
    }

    private String run(String definition) throws Exception {
        start(definition);
        return camel.createProducerTemplate().requestBody("direct:start", "{}", String.class);
    }

    private static String task(String resource) {
        return "{'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'" + resource + "','End':true}}}";
    }

    /** The message of the one RESOURCE_NOT_ALLOWED problem the deployment of {@code definition} fails with. */
    private String refused(String definition) {
        Exception failure = assertThrows(Exception.class, () -> start(definition));
        Throwable cause = failure;
        while (cause != null && !(cause instanceof AslValidationException)) {
            cause = cause.getCause();
        }
        AslValidationException invalid = assertInstanceOf(AslValidationException.class, cause,
                () -> "not a validation failure: " + failure);
        List<Diagnostic> problems = invalid.diagnostics();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("RESOURCE_NOT_ALLOWED", problems.get(0).code(), problems::toString);
        return problems.get(0).message();
    }

    @Test
    void deniedResourcesRefuseADirectTask() {
        asl.setDeniedResources("seda:*, direct:*");
        assertTrue(refused(task("direct:work")).endsWith("it matches the denied pattern 'direct:*'"));
    }

    @Test
    void deniedResourcesComeBeforeAllowedResources() {
        asl.setAllowedResources("direct:*");
        asl.setDeniedResources("direct:work");
        assertTrue(refused(task("direct:work")).endsWith("it matches the denied pattern 'direct:work'"));
    }

    @Test
    void allowedResourcesLetAnExecTaskThrough() throws Exception {
        camel.addComponent("exec", new DirectComponent()); // as camel-exec would; here it calls direct:work
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("exec:work").setBody(constant("{\"ran\": true}"));
            }
        });
        asl.setAllowedResources("EXEC://*"); // the scheme in any case, with or without //
        assertEquals("{\"ran\":true}", run(task("exec:work")));
    }

    @Test
    void anAllowedPatternDoesNotAllowABeanReferenceInTheOptions() {
        asl.setAllowedResources("direct:*");
        assertTrue(refused(task("direct:work?exceptionHandler=#class:java.lang.Object"))
                .contains("option 'exceptionHandler' refers to a bean or class"));
    }

    @Test
    void anInvalidPatternFailsTheDeploymentNamingIt() {
        asl.setAllowedResources("exec:**");
        Exception failure = assertThrows(Exception.class, () -> start(task("direct:work")));
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("pattern 'exec:**' is not a valid glob"), cause.getMessage());
    }

    @Test
    void aResourcePolicyBeanIsUsed() throws Exception {
        List<ResolvedResource> asked = new ArrayList<>();
        camel.getRegistry().bind("policy", (ResourcePolicy) resource -> {
            asked.add(resource);
            return resource.uri().startsWith("direct:secret") ? ResourcePolicy.Decision.deny("secrets stay home")
                    : ResourcePolicy.Decision.allow();
        });
        assertTrue(refused(task("direct:secret-plans")).endsWith("not allowed by the resource policy: secrets stay "
                + "home"));
        assertEquals(List.of("direct:secret-plans"), asked.stream().map(ResolvedResource::uri).toList());
        assertEquals(ResolvedResource.Resolution.CAMEL_URI, asked.get(0).resolution());
    }

    @Test
    void twoResourcePolicyBeansAreAnErrorNotAGuess() {
        camel.getRegistry().bind("open", (ResourcePolicy) resource -> ResourcePolicy.Decision.allow());
        camel.getRegistry().bind("closed", (ResourcePolicy) resource -> ResourcePolicy.Decision.deny("closed"));
        Exception failure = assertThrows(Exception.class, () -> start(task("direct:work")));
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("2 ResourcePolicy beans [closed, open]"), cause.getMessage());
    }

    @Test
    void aResourcePolicyBeanReplacesTheBuiltInRules() throws Exception {
        asl.setResourcePolicy(resource -> ResourcePolicy.Decision.allow());
        camel.addComponent("exec", new DirectComponent());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("exec:work").setBody(constant("{\"ran\": true}"));
            }
        });
        assertEquals("{\"ran\":true}", run(task("exec:work")));
    }

    @Test
    void theStrictPolicyRefusesWhatNoRuleAllows() throws Exception {
        asl.setStrictResourcePolicy(true);
        assertTrue(refused(task("log:audit")).contains("the strict resource policy allows only connectors"));
    }

    @Test
    void theStrictPolicyRefusesHttp() {
        assertEquals(ResourcePolicy.Decision.allow(), ResourcePolicy.defaults().decide(camelUri("http://example.com")));
        ResourcePolicy.Decision strict = ResourcePolicy.strict().decide(camelUri("http://example.com/api"));
        assertTrue(!strict.allowed() && strict.reason().contains("strict resource policy"), strict::toString);
        assertTrue(ResourcePolicy.strict().decide(camelUri("direct:work")).allowed());
        assertTrue(ResourcePolicy.strict().withPatterns(List.of("http://example.com/*"), List.of())
                .decide(camelUri("http:example.com/api")).allowed());
    }

    @Test
    void theStrictPolicyRunsDirectTasksAndAllowedOnes() throws Exception {
        asl.setStrictResourcePolicy(true);
        asl.setAllowedResources("log:audit");
        String definition = "{'StartAt':'Log','States':{'Log':{'Type':'Task','Resource':'log:audit','Next':'Work'},"
                + "'Work':{'Type':'Task','Resource':'direct:work','End':true}}}";
        assertEquals("{\"done\":true}", run(definition));
    }

    private ResolvedResource camelUri(String uri) {
        return new ResolvedResource(uri, uri, ResolvedResource.Resolution.CAMEL_URI, camel);
    }

    @Test
    void aFileUnderAnAllowedFolderIsAllowedAndAnEscapeIsNot(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        asl.setAllowedFolders(out.toString());
        ResourcePolicy policy = ResourcePolicy.defaults(List.of(out));
        assertTrue(policy.decide(camelUri("file:" + out + "/reports?fileName=r.json")).allowed());
        assertTrue(policy.decide(camelUri("file://" + out)).allowed());
        for (String outside : List.of("file:/etc", "file:" + out + "/../../etc", "file:" + out + "-evil",
                "file:" + out + "/%2e%2e/x", "file:" + out + "?jailStartingDirectory=false&fileName=../x")) {
            assertTrue(!policy.decide(camelUri(outside)).allowed(), outside);
        }
        // end to end: the Task writes its input into the folder
        assertEquals("{}", run(task("file:" + out + "?fileName=input.json")));
        assertEquals("{}", Files.readString(out.resolve("input.json")));
    }

    @Test
    void aFileEscapingTheAllowedFolderIsRefused(@TempDir Path dir) {
        asl.setAllowedFolders(dir.toString());
        assertTrue(refused(task("file:" + dir + "/../etc")).contains("is outside allowedFolders"));
    }

    @Test
    void anAllowedPatternOverAFolderDoesNotLetDotDotOut(@TempDir Path dir) {
        ResourcePolicy policy = ResourcePolicy.defaults().withPatterns(List.of("file:" + dir + "/*"), List.of());
        assertTrue(policy.decide(camelUri("file:" + dir + "/in")).allowed());
        assertTrue(!policy.decide(camelUri("file:" + dir + "/in/../../../etc")).allowed());
    }

    @Test
    void mappingTargetsAreAllowedWhereTheSameUriWrittenInTheDefinitionIsNot() throws Exception {
        camel.getRegistry().bind("functions", ResourceMapping.builder()
                .map("arn:aws:lambda:*:*:function:now", "class:java.lang.System?method=currentTimeMillis").build());
        String definition = task("arn:aws:lambda:us-east-1:123456789012:function:now");
        start(definition);
        String out = camel.createProducerTemplate().requestBody("direct:start", "{}", String.class);
        assertTrue(out.matches("\\d+"), out);
        camel.stop();

        try (CamelContext other = new DefaultCamelContext()) {
            String uri = "class:java.lang.System?method=currentTimeMillis";
            ResourcePolicy.Decision written = ResourcePolicy.defaults().decide(new ResolvedResource(uri, uri,
                    ResolvedResource.Resolution.CAMEL_URI, other));
            assertTrue(!written.allowed(), written::toString);
        }
    }

    @Test
    void theResolutionTellsConnectorsMappingsActivitiesAndCamelUrisApart() {
        ResourceMapping mapping = ResourceMapping.builder().map("arn:aws:lambda:*:*:function:x", "direct:x").build();
        ResourceResolver resolver = (resource, ctx) -> resource.equals("arn:aws:states:::custom:go")
                ? java.util.Optional.of("direct:go") : java.util.Optional.empty();
        ResourceResolvers resolvers = new ResourceResolvers(camel, List.of(mapping), List.of(resolver));
        Consumer<String[]> expect = pair -> assertEquals(pair[1],
                resolvers.resolved(pair[0]).orElseThrow().resolution().name(), pair[0]);
        expect.accept(new String[] {"arn:aws:lambda:us-east-1:1:function:x", "RESOURCE_MAPPING"});
        expect.accept(new String[] {"arn:aws:states:::custom:go", "RESOLVER"});
        expect.accept(new String[] {"arn:aws:states:us-east-1:1:activity:review", "ACTIVITY"});
        expect.accept(new String[] {"direct:a", "CAMEL_URI"});
    }

    @Test
    void patternsAreMatchedInBoundedTime() {
        String resource = "direct:" + "a".repeat(5_000);
        ResourcePolicy policy = ResourcePolicy.defaults().withPatterns(List.of(), List.of("direct:*a*a*a*a*a*a*a*a*b"));
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertTrue(policy.decide(camelUri(resource)).allowed()));
        assertTrue(!policy.decide(camelUri(resource + "b")).allowed());
    }
}
