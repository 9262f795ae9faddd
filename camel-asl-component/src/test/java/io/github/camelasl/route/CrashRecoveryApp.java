package io.github.camelasl.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The child JVM of {@link CrashRecoveryTest}: an app on the SQLite execution store in {@code args[0]} that runs
 * {@code args[1]} executions {@code e-0..e-(count-1)} of {@link #DEFINITION} (read from
 * {@code <storeFolder>/../crash.asl.json}, which the test writes) and exits with "ALL DONE" once the store holds
 * all of them ended. The test kills it with SIGKILL at random moments and starts it again: on each start the
 * executions the store holds as RUNNING are resumed by the deployment, the ones not created yet are started,
 * and those that exist already are answered ExecutionAlreadyExists, which is expected and ignored.
 */
public final class CrashRecoveryApp {

    /** Top-level states only: a Parallel or Map re-runs whole after a crash (a documented limitation). */
    public static final String DEFINITION = """
            {"StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Assign": {"base.$": "$.n"}, "Next": "Double"},
              "Double": {"Type": "Task", "Resource": "direct:double", "Next": "Sleep"},
              "Sleep": {"Type": "Wait", "Seconds": 3, "Next": "Branch"},
              "Branch": {"Type": "Choice",
                "Choices": [{"Variable": "$.value", "NumericGreaterThanEquals": 1000, "Assign": {"path": "big"},
                             "Next": "AddBig"}],
                "Default": "AddSmall", "Assign": {"path": "small"}},
              "AddBig": {"Type": "Task", "Resource": "direct:add",
                         "Parameters": {"value.$": "$.value", "add": 1000}, "Next": "Finish"},
              "AddSmall": {"Type": "Task", "Resource": "direct:add",
                           "Parameters": {"value.$": "$.value", "add": 1}, "Next": "Finish"},
              "Finish": {"Type": "Pass", "Parameters": {"n.$": "$base", "path.$": "$path", "value.$": "$.value"},
                         "End": true}}}""";

    public static final String DEFINITION_FILE = "crash.asl.json";
    public static final String MACHINE = "crash";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashRecoveryApp() {
    }

    public static void main(String[] args) throws Exception {
        Path storeFolder = Path.of(args[0]).toAbsolutePath();
        int count = Integer.parseInt(args[1]);
        Path definition = storeFolder.resolveSibling(DEFINITION_FILE);
        long began = System.currentTimeMillis();
        log("STARTING pid=" + ProcessHandle.current().pid() + " store=" + storeFolder + " count=" + count);

        AtomicInteger doubled = new AtomicInteger();
        AtomicInteger added = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        asl.setStore("sqlite"); // surefire sets -Dcamel.asl.store=memory for tests; this app needs the durable one
        asl.setStoreFolder(storeFolder.toString());
        context.addComponent("asl", asl);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").routeId("start").to("asl:" + MACHINE + "?definition=file:" + definition);
                from("direct:double").routeId("double").process(e -> {
                    JsonNode in = JSON.readTree(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"value\":" + in.get("n").asLong() * 2 + "}");
                    doubled.incrementAndGet();
                });
                from("direct:add").routeId("add").process(e -> {
                    JsonNode in = JSON.readTree(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"value\":" + (in.get("value").asLong() + in.get("add").asLong()) + "}");
                    added.incrementAndGet();
                });
            }
        });
        // deploying the state machine resumes the executions the store holds as RUNNING
        context.start();
        ExecutionStore store = asl.executionStore("STANDARD");
        Collection<ExecutionRecord> existing = store.list();
        log("STARTED in " + (System.currentTimeMillis() - began) + " ms; the store holds " + existing.size()
                + " executions, " + existing.stream().filter(r -> r.status() == ExecutionStatus.RUNNING).count()
                + " of them RUNNING (resumed)");

        Set<String> known = new HashSet<>();
        existing.forEach(r -> known.add(r.name()));
        ProducerTemplate template = context.createProducerTemplate();
        // the template runs each start on one of these threads until its first asynchronous step (the Wait):
        // many at once share the store's group commits
        ExecutorService starters = Executors.newFixedThreadPool(32);
        template.setExecutorService(starters);
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger alreadyExisted = new AtomicInteger();
        AtomicInteger replied = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            String name = "e-" + i;
            if (known.contains(name)) {
                continue;
            }
            submitted.incrementAndGet();
            template.asyncRequestBodyAndHeader("direct:start", "{\"n\":" + i + "}", AslConstants.EXECUTION_NAME,
                    name).whenComplete((reply, failure) -> {
                        if (failure == null) {
                            replied.incrementAndGet();
                        } else if (String.valueOf(describe(failure)).contains("ExecutionAlreadyExists")) {
                            alreadyExisted.incrementAndGet();
                        } else {
                            log("ERROR " + name + ": " + describe(failure));
                        }
                    });
        }
        log("SUBMITTED " + submitted.get() + " new executions");

        while (true) {
            Thread.sleep(500);
            int total = 0;
            int running = 0;
            int succeeded = 0;
            StringBuilder others = new StringBuilder();
            for (ExecutionRecord r : store.list()) {
                total++;
                switch (r.status()) {
                    case RUNNING -> running++;
                    case SUCCEEDED -> succeeded++;
                    default -> others.append(' ').append(r.name()).append('=').append(r.status()).append('(')
                            .append(r.error()).append(": ").append(r.cause()).append(')');
                }
            }
            log("PROGRESS total=" + total + " running=" + running + " succeeded=" + succeeded + " replied="
                    + replied.get() + " alreadyExisted=" + alreadyExisted.get() + " doubleCalls=" + doubled.get()
                    + " addCalls=" + added.get() + (others.length() > 0 ? " NOT SUCCEEDED:" + others : ""));
            if (total >= count && running == 0) {
                break;
            }
        }
        log("ALL DONE in " + (System.currentTimeMillis() - began) + " ms");
        context.stop();
        starters.shutdownNow();
        System.exit(0);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 2000; t = t.getCause()) {
            text.append(t).append(" <- ");
        }
        return text.toString();
    }

    private static synchronized void log(String line) {
        System.out.println(System.currentTimeMillis() + " " + line);
        System.out.flush();
    }
}
