package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslValidationException;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default resource policy of an {@code asl:} endpoint with no policy option set: a definition is code, and what
 * runs code or reads the host fails the deployment with RESOURCE_NOT_ALLOWED, naming the state and the Resource.
 */
class ResourcePolicyDefaultsTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    /** Deploys {@code definition} (JSON with ' for ") behind direct:start and starts the context. */
    private void start(String definition) throws Exception {
        camel.getRegistry().bind("definition", definition.replace('\'', '"'));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:policy?definition=ref:definition");
            }
        });
        camel.start();
    }

    private static String task(String state, String resource) {
        return "{'StartAt':'" + state + "','States':{'" + state + "':{'Type':'Task','Resource':'" + resource
                + "','End':true}}}";
    }

    /** The RESOURCE_NOT_ALLOWED problem the deployment of {@code definition} fails with. */
    private Diagnostic refused(String definition) {
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
        return problems.get(0);
    }

    @Test
    void aClassTaskReadingTheEnvironmentIsRefused() {
        Diagnostic problem = refused(task("ReadEnv", "class:java.lang.System?method=getenv"));
        assertEquals("/States/ReadEnv/Resource", problem.location());
        assertTrue(problem.message().startsWith("State 'ReadEnv': the resource class:java.lang.System?method=getenv "
                + "is not allowed by the resource policy: the 'class' component creates and calls any Java class"),
                problem.message());
    }

    @Test
    void aBeanTaskNamingAClassIsRefusedWhileARegistryBeanRuns() throws Exception {
        Diagnostic problem = refused(task("Run", "bean:java.lang.Runtime?method=getRuntime"));
        assertTrue(problem.message().contains("'java.lang.Runtime' is not a bean in the registry"), problem.message());
    }

    @Test
    void aRegistryBeanTaskRuns() throws Exception {
        camel.getRegistry().bind("greeter", new Greeter());
        start(task("Greet", "bean:greeter?method=greet"));
        assertEquals("\"hello\"", camel.createProducerTemplate().requestBody("direct:start", "{}", String.class));
    }

    /** A registry bean for Tasks. */
    public static final class Greeter {
        public String greet(String body) {
            return "hello";
        }
    }

    @Test
    void aTaskCallingTheCamelContextBeanIsRefused() {
        camel.getRegistry().bind("camelContext", camel);
        String message = refused(task("Stop", "bean:camelContext?method=stop")).message();
        assertTrue(message.contains("bean 'camelContext' is a org.apache.camel.CamelContext, which holds or runs the "
                + "application and is not callable from a definition"), message);
    }

    @Test
    void aTaskReadingTheEnvironmentThroughASimpleTokenIsRefused() {
        camel.getRegistry().bind("greeter", new Greeter());
        Diagnostic problem = refused(task("Leak", "bean:greeter?method=greet($simple{sysenv.AWS_SECRET_ACCESS_KEY})"));
        assertEquals("/States/Leak/Resource", problem.location());
        assertTrue(problem.message().contains("Simple expression"), problem.message());
    }

    @Test
    void anExecTaskIsRefused() {
        camel.addComponent("exec", new DirectComponent()); // as camel-exec on the classpath would register it
        Diagnostic problem = refused(task("Shell", "exec:/bin/sh?args=-c id"));
        assertTrue(problem.message().contains("the 'exec' component runs operating-system commands"),
                problem.message());
    }

    @Test
    void aFileTaskIsRefusedWithoutAllowedFolders() {
        assertTrue(refused(task("Read", "file:/etc?fileName=passwd")).message()
                .contains("'file' endpoints are allowed only in allowedFolders"));
    }

    @Test
    void aLanguageTaskIsRefused() {
        assertTrue(refused(task("Script", "language:simple:${env:HOME}")).message().contains("resource policy"));
    }

    @Test
    void aControlbusTaskIsRefused() {
        assertTrue(refused(task("Stop", "controlbus:route?routeId=main&action=stop")).message()
                .contains("the 'controlbus' component starts, stops and changes the application's routes"));
    }

    @Test
    void optionsThatMakeCamelCreateOrReadSomethingAreRefused() {
        assertTrue(refused(task("T", "direct:x?exceptionHandler=%23class:java.lang.Object")).message()
                .contains("option 'exceptionHandler' refers to a bean or class ('#class:java.lang.Object')"));
    }

    @Test
    void propertyPlaceholdersAreRefused() {
        assertTrue(refused(task("T", "direct:{{env:HOME}}")).message().contains("property placeholder"));
    }

    @Test
    void percentEncodedPropertyPlaceholdersAreRefused() {
        // Camel decodes the option, then resolves the placeholder: the timeout would be read from the environment
        assertTrue(refused(task("T", "direct:x?timeout=%7B%7Benv:TIMEOUT%7D%7D")).message()
                .contains("property placeholder"));
    }

    @Test
    void nestedParallelAndMapResourcesAreChecked() {
        String definition = "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'M',"
                + "'States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'Deep','States':{'Deep':"
                + "{'Type':'Task','Resource':'class:java.lang.System?method=getenv','End':true}}}}}}]}}}";
        Diagnostic problem = refused(definition);
        assertEquals("/States/P/Branches[0]/States/M/ItemProcessor/States/Deep/Resource", problem.location());
        assertTrue(problem.message().startsWith("State 'Deep':"), problem.message());
    }

    @Test
    void aMapItemReaderResourceIsChecked() {
        String definition = "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemReader':{'Resource':"
                + "'file:/etc?fileName=passwd','ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'FIRST_ROW'}},"
                + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}";
        Diagnostic problem = refused(definition);
        assertEquals("/States/M/ItemReader/Resource", problem.location());
        assertTrue(problem.message().startsWith("State 'M': the resource file:/etc?fileName=passwd"),
                problem.message());
    }

    @Test
    void anAslTaskThatWouldReadADefinitionFromTheHostIsRefused() {
        assertTrue(refused(task("Nested", "asl:nested?definition=file:/etc/passwd")).message()
                .contains("an asl: endpoint with a definition reads it from a resource"));
    }
}
