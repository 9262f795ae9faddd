package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource policy reads a Resource as Camel will: decoded, RAW() unwrapped, option names in any case, every
 * expression syntax Simple accepts; and it keeps the registry's infrastructure and the host's folders out of reach.
 */
class ResourcePolicyHardeningTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private ResolvedResource camelUri(String uri) {
        return new ResolvedResource(uri, uri, ResolvedResource.Resolution.CAMEL_URI, camel);
    }

    private static void assertDenied(ResourcePolicy policy, ResolvedResource resource, String because) {
        ResourcePolicy.Decision decision = policy.decide(resource);
        assertFalse(decision.allowed(), () -> resource.resource() + " was allowed");
        assertTrue(decision.reason().contains(because), () -> resource.resource() + ": " + decision.reason());
    }

    /** A registry bean with a String method, as any application has. */
    public static final class Echo {
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void everySimpleStartTokenIsAnExpressionInAnyCaseAndEncoding() {
        camel.getRegistry().bind("echo", new Echo());
        for (String resource : List.of("bean:echo?method=echo($simple{sysenv.AWS_SECRET_ACCESS_KEY})",
                "bean:echo?method=echo($SIMPLE{sysenv.X})", "bean:echo?method=echo(%24simple%7Bsysenv.X%7D)",
                "direct:x?a=RAW($simple{x})",
                "http://example.com/$simple{sysenv.X}")) {
            assertDenied(ResourcePolicy.defaults(), camelUri(resource), "Simple expression");
        }
    }

    @Test
    void aBeanMethodParameterThatRefersToABeanIsRefused() {
        camel.getRegistry().bind("echo", new Echo());
        assertDenied(ResourcePolicy.defaults(), camelUri("bean:echo?method=echo(#camelContext)"), "method");
        assertTrue(ResourcePolicy.defaults().decide(camelUri("bean:echo?method=echo('hello')")).allowed());
    }

    @Test
    void fileOptionsAreReadDecodedInAnyCaseAndUnwrapped(@TempDir Path dir) {
        ResourcePolicy policy = ResourcePolicy.defaults(List.of(dir));
        String file = "file:" + dir + "?fileName=x.json&";
        for (String jailOff : List.of("jailStartingDirectory=%66alse", "jailStartingDirectory=RAW(false)",
                "jailStarting%44irectory=false", "JAILSTARTINGDIRECTORY=False", "jailStartingDirectory=RAW{false}")) {
            assertDenied(policy, camelUri(file + jailOff), "jailStartingDirectory=false");
        }
        assertTrue(policy.decide(camelUri(file + "jailStartingDirectory=true")).allowed());
    }

    @Test
    void filePathOptionsMayNotLeaveTheFolder(@TempDir Path dir) {
        ResourcePolicy policy = ResourcePolicy.defaults(List.of(dir));
        for (String option : List.of("fileName=../../../etc/cron.d/x", "fileName=%2e%2e/x", "fileName=/etc/passwd",
                "tempFileName=a/../../x", "move=..", "moveFailed=/tmp/x", "preMove=RAW(../x)", "doneFileName=../d",
                "FILENAME=../x", "file%4Eame=../x")) {
            assertDenied(policy, camelUri("file:" + dir + "?" + option), "outside");
        }
        assertTrue(policy.decide(camelUri("file:" + dir + "?fileName=out/x..json&move=.done")).allowed());
    }

    @Test
    void anAslDefinitionOptionIsFoundEncoded() {
        for (String resource : List.of("asl:x?defin%69tion=http://evil/def.json", "asl:x?DEFINITION=file:/etc/x")) {
            assertDenied(ResourcePolicy.defaults(), camelUri(resource), "an asl: endpoint with a definition");
        }
    }

    @Test
    void registryInfrastructureBeansAreNotCallable() {
        camel.getRegistry().bind("systemEnvironment", new HashMap<>(System.getenv()));
        camel.getRegistry().bind("systemProperties", new Properties());
        camel.getRegistry().bind("camelContext", camel);
        camel.getRegistry().bind("anotherContext", new DefaultCamelContext(false));
        camel.getRegistry().bind("echo", new Echo());
        for (String resource : List.of("bean:systemEnvironment?method=get('DB_PASSWORD')",
                "bean:systemProperties?method=getProperty('x')", "bean:camelContext?method=stop",
                "bean:anotherContext?method=stop")) {
            assertDenied(ResourcePolicy.defaults(), camelUri(resource), "is not callable from a definition");
        }
        assertTrue(ResourcePolicy.defaults().decide(camelUri("bean:echo?method=echo")).allowed());
    }

    @Test
    void aMappedPartMayNotWalkUpOrBeAbsolute() {
        ResourceMapping mapping = ResourceMapping.builder().map("arn:aws:s3:::*", "file:/srv/buckets/{1}").build();
        for (String resource : List.of("arn:aws:s3:::../../../etc", "arn:aws:s3:::a/../../etc", "arn:aws:s3:::/etc",
                "arn:aws:s3:::a/..")) {
            assertThrows(ResourceRefusedException.class, () -> mapping.map(resource), resource);
        }
        assertEquals("file:/srv/buckets/a/b..c/.d", mapping.map("arn:aws:s3:::a/b..c/.d").orElseThrow());
    }

    @Test
    void aMappingThatInsertsAPartIntoAFileUriIsHeldToAllowedFolders(@TempDir Path dir) {
        ResourceMapping mapping = ResourceMapping.builder().map("arn:aws:s3:::*", "file:" + dir + "/{1}")
                .map("arn:aws:states:::fixed", "file:/var/fixed").build();
        ResourceResolvers resolvers = new ResourceResolvers(camel, List.of(mapping), List.of());
        ResolvedResource bucket = resolvers.resolved("arn:aws:s3:::reports").orElseThrow();
        assertTrue(bucket.insertsResourceParts());
        assertDenied(ResourcePolicy.defaults(), bucket, "allowedFolders");
        assertTrue(ResourcePolicy.defaults(List.of(dir)).decide(bucket).allowed());
        // a rule that inserts nothing is the application's own configuration
        ResolvedResource fixed = resolvers.resolved("arn:aws:states:::fixed").orElseThrow();
        assertFalse(fixed.insertsResourceParts());
        assertTrue(ResourcePolicy.defaults().decide(fixed).allowed());
    }

    @Test
    void deniedPatternsMatchWhatCamelDecodes() {
        ResourcePolicy policy = ResourcePolicy.defaults().withPatterns(List.of(), List.of("direct:admin-*"));
        for (String resource : List.of("direct:admin%2Dreset", "direct:%61dmin-reset", "direct://admin%2dreset")) {
            assertDenied(policy, camelUri(resource), "denied pattern 'direct:admin-*'");
        }
        assertTrue(policy.decide(camelUri("direct:work%2Dqueue")).allowed());
    }

    @Test
    void componentsWhosePathIsAnotherEndpointAreRefused() {
        for (String resource : List.of("dataset-test:file:/etc?fileName=passwd", "master:lock:exec:/bin/sh")) {
            assertDenied(ResourcePolicy.defaults(), camelUri(resource), "another endpoint");
        }
    }
}
