package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.validation.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data never becomes control: a Task's headers are named by its definition's Parameters/Arguments template only,
 * and a header named Camel* (Camel acts on those: CamelExecCommandExecutable runs a command, CamelHttpUri redirects
 * a call) reaches a Task only when the app allows that name with the component's allowedCamelHeaders option. The
 * headers an execution is started with reach its Tasks only when the app forwards them (forwardedHeaders).
 */
class TaskHeadersTest {

    private static final String CALL = """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen", "End": true}}}""";

    @TempDir
    Path dir;
    /** The headers (names case-insensitive, as Camel's) and body the endpoint direct:seen last saw. */
    private volatile Map<String, Object> seenHeaders = Map.of();
    private volatile String seenBody;

    @Test
    void camelAslHeadersInTheExecutionInputStayDataInTheBody() throws Exception {
        String out = run(null, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen", "End": true}}}""",
                "{\"CamelAslHeaders\": {\"CamelExecCommandExecutable\": \"touch\", \"tenant\": \"x\"}, \"n\": 1}",
                Map.of());
        assertFalse(seenHeaders.containsKey("CamelExecCommandExecutable"), seenHeaders::toString);
        assertFalse(seenHeaders.containsKey("tenant"), seenHeaders::toString);
        assertEquals(Json.parse("{\"CamelAslHeaders\": {\"CamelExecCommandExecutable\": \"touch\", "
                + "\"tenant\": \"x\"}, \"n\": 1}"), Json.parse(seenBody), "the field stays in the body, as data");
        assertEquals("{\"ok\":true}", out);
    }

    @Test
    void camelAslHeadersInAReplyStayDataForTheNextTask() throws Exception {
        run(null, """
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "direct:replyWithHeaders", "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "direct:seen", "End": true}}}""", "{}", Map.of());
        assertFalse(seenHeaders.containsKey("CamelHttpUri"), seenHeaders::toString);
        assertEquals("{\"CamelAslHeaders\":{\"CamelHttpUri\":\"http://evil\"}}", seenBody);
    }

    @Test
    void aJsonataTaskWithoutArgumentsSetsNoHeaderFromItsInputEither() throws Exception {
        run(null, """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:seen", "End": true}}}""",
                "{\"CamelAslHeaders\": {\"CamelHttpUri\": \"http://evil\"}}", Map.of());
        assertFalse(seenHeaders.containsKey("CamelHttpUri"), seenHeaders::toString);
        assertTrue(seenBody.contains("http://evil"), seenBody);
    }

    @Test
    void theTemplateNamesTheHeadersAndDataOnlyGivesTheirValues() throws Exception {
        run(null, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                  "Parameters": {"CamelAslHeaders": {"tenant.$": "$.tenant", "shape.$": "$.shape", "fixed": 7},
                                 "rows.$": "$.rows"}, "End": true}}}""",
                "{\"tenant\": \"acme\", \"shape\": {\"a\": [1]}, \"rows\": 3}", Map.of());
        assertEquals("acme", seenHeaders.get("tenant"));
        assertEquals("{\"a\":[1]}", seenHeaders.get("shape"));
        assertEquals("7", seenHeaders.get("fixed"));
        assertEquals("{\"rows\":3}", seenBody, "the template's CamelAslHeaders object leaves the body");
    }

    @Test
    void aJsonataArgumentsTemplateNamesHeadersToo() throws Exception {
        run(null, """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "direct:seen", "Arguments": {"CamelAslHeaders": {"tenant": "{% $states.input.t %}"},
                  "rows": 3}, "End": true}}}""", "{\"t\": \"acme\"}", Map.of());
        assertEquals("acme", seenHeaders.get("tenant"));
        assertEquals("{\"rows\":3}", seenBody);
    }

    @Test
    void aJsonataArgumentsExpressionsResultStaysDataInTheBody() throws Exception {
        run(null, """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "direct:seen", "Arguments": "{% $states.input %}", "End": true}}}""",
                "{\"CamelAslHeaders\": {\"tenant\": \"x\"}}", Map.of());
        assertFalse(seenHeaders.containsKey("tenant"), seenHeaders::toString);
        assertEquals("{\"CamelAslHeaders\":{\"tenant\":\"x\"}}", seenBody);
    }

    @Test
    void aCamelHeaderInATemplateIsRefusedAtDeploymentNamingTheField() throws Exception {
        AslValidationException invalid = refused(null, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                  "Parameters": {"CamelAslHeaders": {"CamelHttpUri.$": "$.url", "cAMELexecCommandArgs": "-rf /"}},
                  "End": true}}}""");
        assertEquals(List.of(
                        "HEADER_NOT_ALLOWED /States/Call/Parameters/CamelAslHeaders/CamelHttpUri.$",
                        "HEADER_NOT_ALLOWED /States/Call/Parameters/CamelAslHeaders/cAMELexecCommandArgs"),
                invalid.diagnostics().stream().map(d -> d.code() + " " + d.location()).toList());
        assertTrue(invalid.getMessage().contains("allowedCamelHeaders"), invalid.getMessage());
    }

    @Test
    void aCamelHeaderInANestedTaskOrAJsonataTemplateIsRefusedToo() throws Exception {
        AslValidationException invalid = refused(null, """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
                  "Branches": [{"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                    "Arguments": {"CamelAslHeaders": {"CamelSqlQuery": "{% $states.input.q %}"}},
                    "End": true}}}]}}}""");
        assertEquals(List.of("HEADER_NOT_ALLOWED /States/P/Branches[0]/States/Call/Arguments/CamelAslHeaders/"
                + "CamelSqlQuery"), invalid.diagnostics().stream().map(d -> d.code() + " " + d.location()).toList());
    }

    @Test
    void headersWhoseNamesComeFromDataAreRefusedAtDeployment() throws Exception {
        AslValidationException jsonPath = refused(null, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                  "Parameters": {"CamelAslHeaders.$": "$.h"}, "End": true}}}""");
        assertEquals(List.of("HEADERS_NOT_LITERAL /States/Call/Parameters/CamelAslHeaders.$"),
                jsonPath.diagnostics().stream().map(d -> d.code() + " " + d.location()).toList());
        AslValidationException jsonata = refused(null, """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "direct:seen", "Arguments": {"CamelAslHeaders": "{% $states.input.h %}"},
                  "End": true}}}""");
        Diagnostic problem = jsonata.diagnostics().get(0);
        assertEquals("HEADERS_NOT_LITERAL /States/Call/Arguments/CamelAslHeaders",
                problem.code() + " " + problem.location());
        assertTrue(problem.message().contains("object"), problem.message());
        AslValidationException notAnObject = refused(null, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                  "Parameters": {"CamelAslHeaders": "tenant"}, "End": true}}}""");
        assertEquals(List.of("HEADERS_NOT_LITERAL /States/Call/Parameters/CamelAslHeaders"),
                notAnObject.diagnostics().stream().map(d -> d.code() + " " + d.location()).toList());
    }

    @Test
    void aMapsItemReaderIsHeldToTheSameRules() throws Exception {
        AslValidationException invalid = refused(null, """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:seen",
                    "Parameters": {"CamelAslHeaders": {"CamelHttpUri": "http://elsewhere"}}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""");
        assertEquals(List.of("HEADER_NOT_ALLOWED /States/M/ItemReader/Parameters/CamelAslHeaders/CamelHttpUri"),
                invalid.diagnostics().stream().filter(d -> d.code().startsWith("HEADER"))
                        .map(d -> d.code() + " " + d.location()).toList());
    }

    @Test
    void aCamelHeaderTheAppAllowsIsSetFromTheTemplate() throws Exception {
        run("CamelFileName, CamelOverruleFileName", """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:seen",
                  "Parameters": {"CamelAslHeaders": {"camelfilename.$": "$.name"}, "x": 1}, "End": true}}}""",
                "{\"name\": \"report.json\"}", Map.of());
        assertEquals("report.json", seenHeaders.get(Exchange.FILE_NAME));
        assertEquals("{\"x\":1}", seenBody);
    }

    @Test
    void noCallerHeaderReachesATaskByDefault() throws Exception {
        // from("platform-http:/orders").to("asl:orders"): an HTTP client's headers must not steer the Tasks
        run(null, CALL, "{}", Map.of("kafka.OVERRIDE_TOPIC", "admin", "JMSReplyTo", "evil", "Bcc", "all@example.com",
                "tenant", "acme", "CamelHttpUri", "http://evil"));
        for (String name : List.of("kafka.OVERRIDE_TOPIC", "JMSReplyTo", "Bcc", "tenant", "CamelHttpUri")) {
            assertFalse(seenHeaders.containsKey(name), () -> name + " reached the Task: " + seenHeaders);
        }
        assertEquals("Call", seenHeaders.get("CamelAslStateName"), "the engine's own headers are still set");
        assertTrue(seenHeaders.containsKey("CamelAslExecutionArn"), seenHeaders::toString);
        assertTrue(seenHeaders.containsKey("CamelAslIdempotencyKey"), seenHeaders::toString);
    }

    @Test
    void theCallerHeadersTheAppForwardsReachTheTasksMatchedIgnoringCase() throws Exception {
        run(null, "Tenant, x-*", CALL, "{}", Map.of("TENANT", "acme", "X-Request-Id", "r1",
                "kafka.OVERRIDE_TOPIC", "admin", "tenantId", "t2"));
        assertEquals("acme", seenHeaders.get("tenant"));
        assertEquals("r1", seenHeaders.get("x-request-id"));
        assertFalse(seenHeaders.containsKey("kafka.OVERRIDE_TOPIC"), seenHeaders::toString);
        assertFalse(seenHeaders.containsKey("tenantId"), "a name is matched whole: " + seenHeaders);
    }

    @Test
    void aCallersCamelHeaderGoesOnOnlyWhenBothOptionsAllowIt() throws Exception {
        Map<String, Object> callerHeaders = Map.of("CAMELHTTPURI", "http://evil", "cAmElFileName", "/etc/passwd");
        run(null, "CamelFileName,Camel*", CALL, "{}", callerHeaders);
        assertNull(seenHeaders.get(Exchange.FILE_NAME), "forwarded but not allowed: " + seenHeaders);
        assertNull(seenHeaders.get(Exchange.HTTP_URI), seenHeaders::toString);

        run("CamelFileName", null, CALL, "{}", callerHeaders);
        assertNull(seenHeaders.get(Exchange.FILE_NAME), "allowed but not forwarded: " + seenHeaders);

        run("CamelFileName", "camelfilename", CALL, "{}", callerHeaders);
        assertEquals("/etc/passwd", seenHeaders.get(Exchange.FILE_NAME), "forwarded and allowed");
        assertNull(seenHeaders.get(Exchange.HTTP_URI), seenHeaders::toString);

        run("CamelFileName", "*", CALL, "{}", callerHeaders);
        assertEquals("/etc/passwd", seenHeaders.get(Exchange.FILE_NAME), "forwarded by a glob and allowed");
        assertNull(seenHeaders.get(Exchange.HTTP_URI), "a glob does not let a Camel header by: " + seenHeaders);
    }

    @Test
    void anExecutionParkedOutOfMemoryForwardsTheSameHeadersWhenItComesBack() throws Exception {
        String parkThenCall = """
                {"StartAt": "Park", "States": {"Park": {"Type": "Wait", "Seconds": 1, "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "direct:seen", "End": true}}}""";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(null, "tenant", parkThenCall,
                "&parkInMemorySeconds=0", "{}", Map.of("tenant", "acme", "kafka.OVERRIDE_TOPIC", "admin")));
        assertEquals("acme", seenHeaders.get("tenant"));
        assertFalse(seenHeaders.containsKey("kafka.OVERRIDE_TOPIC"), seenHeaders::toString);
    }

    /** Runs {@code definition} through an asl: endpoint; {@code allowed} is the component's allowedCamelHeaders. */
    private String run(String allowed, String definition, String input, Map<String, Object> headers)
            throws Exception {
        return run(allowed, null, definition, input, headers);
    }

    /** {@code forwarded} is the component's forwardedHeaders. */
    private String run(String allowed, String forwarded, String definition, String input,
            Map<String, Object> headers) throws Exception {
        return run(allowed, forwarded, definition, "", input, headers);
    }

    /** {@code endpointOptions} are added to the asl: endpoint's URI. */
    private String run(String allowed, String forwarded, String definition, String endpointOptions, String input,
            Map<String, Object> headers) throws Exception {
        seenHeaders = Map.of();
        try (CamelContext camel = context(allowed, forwarded, definition, endpointOptions)) {
            camel.start();
            return camel.createProducerTemplate().requestBodyAndHeaders("direct:start", input, headers,
                    String.class);
        }
    }

    private AslValidationException refused(String allowed, String definition) throws Exception {
        try (CamelContext camel = context(allowed, null, definition, "")) {
            Exception failure = assertThrows(Exception.class, camel::start);
            Throwable cause = failure;
            while (cause != null && !(cause instanceof AslValidationException)) {
                cause = cause.getCause();
            }
            return assertInstanceOf(AslValidationException.class, cause, () -> "not a validation failure: "
                    + failure);
        }
    }

    private CamelContext context(String allowed, String forwarded, String definition, String endpointOptions)
            throws Exception {
        Path file = Files.writeString(dir.resolve("machine-" + System.nanoTime() + ".asl.json"), definition);
        CamelContext camel = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        if (allowed != null) {
            asl.setAllowedCamelHeaders(allowed);
        }
        asl.setForwardedHeaders(forwarded);
        camel.addComponent("asl", asl);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:headers?definition=file:" + file + endpointOptions);
                from("direct:replyWithHeaders").setBody(constant("{\"CamelAslHeaders\": {\"CamelHttpUri\": "
                        + "\"http://evil\"}}"));
                from("direct:seen").process(e -> {
                    seenHeaders = new CaseInsensitiveMap(e.getMessage().getHeaders());
                    seenBody = e.getMessage().getBody(String.class);
                    e.getMessage().setBody("{\"ok\": true}");
                });
            }
        });
        return camel;
    }
}
