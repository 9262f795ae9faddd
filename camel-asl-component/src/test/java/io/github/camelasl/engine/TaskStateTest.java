package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Converter;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.Test;

/** Task states on Camel endpoints: headers, timeouts, retries and the history they leave. */
class TaskStateTest extends EngineTestSupport {

    private final AtomicReference<String> tenantHeader = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final AtomicReference<Map<String, Object>> headersSeen = new AtomicReference<>();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.getTypeConverterRegistry().addTypeConverters(new ReplyConverters());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:echo").process(e -> {
                    tenantHeader.set(e.getMessage().getHeader("tenant", String.class));
                    body.set(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("\"plain text reply\"");
                });
                from("direct:slow").delay(3000);
                from("direct:receipt").process(e -> e.getMessage().setBody(new Receipt(0, "hello")));
                from("direct:unreadable").process(e -> e.getMessage().setBody(new Unreadable()));
                from("direct:headers").process(e -> headersSeen.set(new CaseInsensitiveMap(e.getMessage().getHeaders())));
                from("direct:flaky").process(e -> {
                    if (flakyCalls.incrementAndGet() <= 2) {
                        throw new IllegalStateException("busy #" + flakyCalls.get());
                    }
                    e.getMessage().setBody("{\"ok\": true}");
                });
            }
        });
    }

    @Test
    void camelAslHeadersBecomeMessageHeadersAndLeaveTheBody() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:echo",
                  "Parameters": {"CamelAslHeaders": {"tenant.$": "$.tenant"}, "rows": 3}, "End": true}}}""",
                "{\"tenant\": \"acme\"}");
        assertEquals("acme", tenantHeader.get());
        assertEquals("{\"rows\":3}", body.get());
        assertEquals(json("\"plain text reply\""), result.output());
    }

    @Test
    void theHeadersAnExecutionWasStartedWithStayBehindUnlessForwarded() throws Exception {
        ExecutionResult result = deploy("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:headers", "End": true}}}""")
                .start(json("{}"), null, Map.of("kafka.OVERRIDE_TOPIC", "admin", "tenant", "acme"), List.of())
                .get(60, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertNull(headersSeen.get().get("kafka.OVERRIDE_TOPIC"), () -> headersSeen.get().toString());
        assertNull(headersSeen.get().get("tenant"), () -> headersSeen.get().toString());
        assertEquals("Call", headersSeen.get().get("CamelAslStateName"));
    }

    @Test
    void theCamelHeadersAnExecutionWasStartedWithStayBehindEvenWhenForwarded() throws Exception {
        ExecutionResult result = deploy("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:headers", "End": true}}}""",
                "Camel*,tenant")
                .start(json("{}"), null, Map.of("CamelHttpUri", "http://evil", "CAMELFILENAME", "/etc/passwd",
                        "tenant", "acme"), List.of()).get(60, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertNull(headersSeen.get().get("CamelHttpUri"), () -> headersSeen.get().toString());
        assertNull(headersSeen.get().get("CamelFileName"), () -> headersSeen.get().toString());
        assertEquals("acme", headersSeen.get().get("tenant"));
        assertEquals("Call", headersSeen.get().get("CamelAslStateName"));
    }

    @Test
    void aReplyCamelConvertsToTextBecomesAJsonString() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:receipt", "End": true}}}""",
                "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(json("\"exit 0: hello\""), result.output());
    }

    @Test
    void aReplyThatCannotBeConvertedFailsTheTaskWithACause() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:unreadable",
                  "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.TaskFailed", result.error());
        assertTrue(result.cause().contains("reply") && result.cause().contains("stream closed"), result.cause());
    }

    /** A reply like camel-exec's ExecResult: a value with a stream in it, and a Camel converter to text. */
    public static final class Receipt {
        private final int exitValue;
        private final InputStream stdout;

        Receipt(int exitValue, String stdout) {
            this.exitValue = exitValue;
            this.stdout = new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
        }

        public int getExitValue() {
            return exitValue;
        }

        public InputStream getStdout() {
            return stdout;
        }
    }

    /** A reply whose converter fails. */
    public static final class Unreadable {
    }

    public static final class ReplyConverters {
        @Converter
        public String toText(Receipt receipt) throws IOException {
            return "exit " + receipt.getExitValue() + ": " + new String(receipt.getStdout().readAllBytes(),
                    StandardCharsets.UTF_8);
        }

        @Converter
        public String toText(Unreadable unreadable) throws IOException {
            throw new IOException("stream closed");
        }
    }

    @Test
    void timeoutSecondsRaisesStatesTimeoutWhichCatchCanRoute() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:slow", "TimeoutSeconds": 1,
                           "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Wrong"},
                                     {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.err", "Next": "Late"}],
                           "End": true},
                  "Wrong": {"Type": "Fail", "Error": "WrongCatcher"},
                  "Late": {"Type": "Succeed"}}}""", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + " " + result.cause());
        assertEquals("States.Timeout", result.output().at("/err/Error").asText());
    }

    @Test
    void retriesAreRecordedAsRepeatedTaskEventsWithinOneStateVisit() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:flaky",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2,
                             "BackoffRate": 1.0, "MaxDelaySeconds": 1}], "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        List<String> types = result.history().stream().map(e -> e.get("type").asText()).toList();
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded"), types);
        assertEquals("busy #1", result.history().get(4).at("/taskFailedEventDetails/cause").asText());
        assertEquals("States.TaskFailed", result.history().get(4).at("/taskFailedEventDetails/error").asText());
    }

    @Test
    void exhaustedRetriesFailTheExecutionWithTheLastError() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:flaky",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                  "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.TaskFailed", result.error());
        assertEquals("busy #2", result.cause());
    }

    @Test
    void executionTimeoutEndsARunningExecution() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Nap", "TimeoutSeconds": 1, "States": {"Nap": {"Type": "Wait", "Seconds": 30,
                  "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertTrue(result.history().stream().anyMatch(e -> e.get("type").asText().equals("ExecutionTimedOut")));
    }
}
