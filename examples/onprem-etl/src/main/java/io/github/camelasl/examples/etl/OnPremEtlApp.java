package io.github.camelasl.examples.etl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The on-prem ETL as a Camel app: a CSV dropped into {@code WORK/inbox} starts a durable execution of
 * {@code onprem-etl.asl.json}, whose steps parse the file, load and total its rows in an embedded SQLite
 * warehouse ({@code WORK/warehouse.db}, through camel-sql) and write a report into {@code WORK/outbox}.
 * Executions are kept in {@code WORK/store}: a run the app was killed in goes on when it starts again, and an
 * execution ARN dropped into {@code WORK/redrive} redrives a failed run from the step that failed.
 */
public final class OnPremEtlApp {

    /** The definition on the class path. */
    public static final String DEFINITION = "classpath:onprem-etl.asl.json";
    /** The app's own log lines: which step ran for which execution, and how each execution ended. */
    static final Logger LOG = LoggerFactory.getLogger("onprem-etl");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneId.systemDefault());

    /**
     * @param work         the folder everything lives in (created if missing)
     * @param pauseSeconds how long the Pause state waits: the execution input's {@code pauseSeconds}
     */
    public record Settings(Path work, int pauseSeconds) {

        /** WORK from the first argument, else the system property etl.work, else target/onprem-etl. */
        public static Settings fromSystem(String[] args) {
            String work = args.length > 0 ? args[0] : System.getProperty("etl.work", "target/onprem-etl");
            return new Settings(Path.of(work).toAbsolutePath().normalize(), Integer.getInteger("etl.pauseSeconds", 5));
        }

        public Path inbox() {
            return work.resolve("inbox");
        }

        /** The copies of the inbox files the executions read (the inbox copy is deleted once its run started). */
        public Path accepted() {
            return work.resolve("accepted");
        }

        public Path outbox() {
            return work.resolve("outbox");
        }

        public Path redrive() {
            return work.resolve("redrive");
        }

        public Path store() {
            return work.resolve("store");
        }

        public Path database() {
            return work.resolve("warehouse.db");
        }

        /** While this file exists, WriteReport fails with ReportTargetUnavailable (to try a redrive). */
        public Path brokenFlag() {
            return work.resolve("broken");
        }
    }

    private OnPremEtlApp() {
    }

    /** A CamelContext (not started) with the warehouse, the step routes, and the inbox and redrive folders. */
    public static CamelContext create(Settings settings) throws Exception {
        for (Path folder : new Path[] {settings.inbox(), settings.accepted(), settings.outbox(), settings.redrive()}) {
            Files.createDirectories(folder);
        }
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("warehouse", warehouse(settings.database()));
        // configured before it is added: context.getComponent("asl") then setStoreFolder(...) opened the store in
        // the working directory's camel-asl-store, not WORK/store (the store is opened while the component is set up)
        AslComponent asl = new AslComponent();
        asl.setStore("sqlite"); // set, not defaulted: the default follows camel.asl.store, which tests set to memory
        asl.setStoreFolder(settings.store().toString());
        context.addComponent("asl", asl);
        // a parked execution holds no exchange; what is in flight stays RUNNING in the store and resumes at start
        context.getShutdownStrategy().setTimeout(10);
        ExecutionWatch watch = new ExecutionWatch();
        context.addRoutes(new EtlSteps(settings));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // readLock=changed: a file still being copied in is left alone until its size stops changing
                from("file:" + settings.inbox() + "?antInclude=*.csv&readLock=changed&readLockCheckInterval=500"
                        + "&delete=true").routeId("inbox")
                        .process(e -> {
                            String fileName = e.getMessage().getHeader("CamelFileName", String.class);
                            long modified = e.getMessage().getHeader("CamelFileLastModified", Long.class);
                            String name = executionName(fileName, modified);
                            Path accepted = settings.accepted().resolve(name + ".csv");
                            Files.write(accepted, e.getMessage().getBody(byte[].class));
                            Map<String, Object> input = new LinkedHashMap<>();
                            input.put("source", fileName);
                            input.put("file", accepted.toString());
                            input.put("pauseSeconds", settings.pauseSeconds());
                            e.getMessage().removeHeaders("CamelFile*"); // not for the Tasks
                            e.getMessage().setHeader(AslConstants.EXECUTION_NAME, name);
                            e.getMessage().setBody(JSON.writeValueAsString(input));
                            e.setProperty("source", fileName);
                        })
                        .doTry()
                            // answers once the store holds the execution: the inbox does not wait for the run
                            .to("asl:etl?definition=" + DEFINITION + "&operation=startExecution")
                            .log(LoggingLevel.INFO, LOG.getName(),
                                    "Started ${header.CamelAslExecutionName} for ${exchangeProperty.source}: ${body}")
                        .doCatch(AslError.class)
                            // the same file picked up again (the app stopped before deleting it): it has its run
                            .log(LoggingLevel.WARN, LOG.getName(),
                                    "Not started for ${exchangeProperty.source}: ${exception.message}")
                        .end();

                // a file holding an execution ARN (or just its name) redrives that execution
                from("file:" + settings.redrive() + "?readLock=changed&readLockCheckInterval=500&delete=true")
                        .routeId("redrive")
                        .process(e -> {
                            String arn = e.getMessage().getBody(String.class).trim();
                            if (!arn.startsWith("arn:")) {
                                arn = "arn:aws:states:" + asl.getRegion() + ":" + asl.getAccountId()
                                        + ":execution:etl:" + arn;
                            }
                            e.getMessage().setHeader(AslConstants.EXECUTION_ARN, arn);
                            e.getMessage().setBody(JSON.writeValueAsString(Map.of("executionArn", arn)));
                        })
                        .doTry()
                            .to("asl:etl?operation=redriveExecution")
                            .log(LoggingLevel.INFO, LOG.getName(), "Redriving ${header.CamelAslExecutionArn}")
                        .doCatch(AslError.class)
                            .log(LoggingLevel.WARN, LOG.getName(),
                                    "Cannot redrive ${header.CamelAslExecutionArn}: ${exception.message}")
                        .end();

                from("timer:execution-watch?period=1000").routeId("execution-watch")
                        .setBody(constant("{\"maxResults\": 1000}"))
                        .to("asl:etl?operation=listExecutions")
                        .process(e -> e.getMessage().setBody(watch.newlyEnded(e.getMessage().getBody(String.class))))
                        .split(body())
                            .process(e -> e.getMessage().setBody(JSON.writeValueAsString(e.getMessage().getBody())))
                            .to("asl:etl?operation=describeExecution")
                            .process(e -> watch.log(e.getMessage().getBody(String.class), settings))
                        .end();
            }
        });
        return context;
    }

    /**
     * The execution's name: the file's name and modification time, so a file picked up twice (the app stopped
     * before it deleted it) names the run it already has rather than starting another.
     */
    static String executionName(String fileName, long lastModified) {
        String base = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        return base.substring(0, Math.min(base.length(), 50)) + "-" + STAMP.format(Instant.ofEpochMilli(lastModified));
    }

    /** The name part of an execution ARN. */
    static String executionName(String executionArn) {
        return executionArn == null ? "?" : executionArn.substring(executionArn.lastIndexOf(':') + 1);
    }

    /** The warehouse database: an SQLite file, its staging table created if missing. */
    static SQLiteDataSource warehouse(Path file) throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        dataSource.setJournalMode("WAL");
        dataSource.setBusyTimeout(5_000); // wait for another writer instead of failing at once
        String schema;
        try (InputStream in = OnPremEtlApp.class.getClassLoader().getResourceAsStream("sql/schema.sql")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(schema);
        }
        return dataSource;
    }

    /** Runs until stopped (Ctrl-C). Arguments: [WORK]; system properties etl.work, etl.pauseSeconds (5). */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystem(args);
        CamelContext context = create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                context.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        context.start();
        System.out.println("On-prem ETL running in " + settings.work() + " (Ctrl-C to stop)");
        System.out.println("  drop order files (*.csv) into " + settings.inbox());
        System.out.println("  reports appear in            " + settings.outbox());
        System.out.println("  redrive a failed run:        echo EXECUTION_ARN > " + settings.redrive().resolve("run"));
        System.out.println("  warehouse " + settings.database() + ", executions " + settings.store());
        stopped.await();
    }
}
