package io.github.camelasl.cli;

import io.github.camelasl.history.TerminalText;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockConfigException;
import io.github.camelasl.server.AccessKeys;
import io.github.camelasl.server.StepFunctionsApiRoutes;
import io.github.camelasl.server.StepFunctionsServer;
import io.github.camelasl.server.console.ConsoleRoutes;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asl serve}: AWS's Step Functions API on a local port, for the AWS CLI, the SDKs and their tools. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve AWS's Step Functions API (JSON 1.0 over HTTP) on a local port: point the AWS CLI "
                + "(--endpoint-url) or an SDK (endpointOverride) at the URL it prints.",
            "State machines created through it and their STANDARD executions are kept in the --store folder (or in "
                + "memory): started again on it, it deploys them again and resumes the executions left RUNNING, each "
                + "on the definition it started with.",
            "Without --credentials it answers callers on this host only (loopback addresses; the Host header must be "
                + "localhost, 127.0.0.1 or [::1]). With --credentials, every request must be signed (AWS Signature "
                + "Version 4, as the SDKs and the AWS CLI sign) with one of its keys, and --host may be any address.",
            "The web console (state machines, executions, their graphs and live progress) is served on the same "
                + "port at --console-path (default /asl), with the same security: with --credentials, a login with "
                + "one of its keys.",
            "Runs until stopped (Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {

    static final String MEMORY = "memory";
    /** Where Step Functions Local and LocalStack read their mock configuration's path. */
    static final String MOCK_CONFIG_ENVIRONMENT = "SFN_MOCK_CONFIG";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + StepFunctionsServer.DEFAULT_PORT,
            description = "the port to listen on (0: any free one); default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = StepFunctionsServer.DEFAULT_HOST,
            description = "the address to listen on (a loopback one unless --credentials is given); "
                    + "default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "an AWS credentials file (as ~/.aws/credentials: [profile] sections with "
                    + "aws_access_key_id and aws_secret_access_key): requests must be signed with one of its keys")
    Path credentials;

    @Option(names = "--signing-region", paramLabel = "REGION",
            description = "with --credentials: signatures must be scoped to this region (default: any region)")
    String signingRegion;

    @Option(names = "--store", paramLabel = "DIR|memory",
            defaultValue = "${env:" + StoreOption.ENVIRONMENT + ":-" + MEMORY + "}",
            description = "the folder of the durable execution store (SQLite; created if missing), or 'memory'; "
                    + "default: the " + StoreOption.ENVIRONMENT + " environment variable's folder, else memory")
    String store;

    @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
    List<String> resourceMaps = new ArrayList<>();

    @Mixin
    ResourcePolicyOptions resourcePolicy;

    @Option(names = "--mock-config", paramLabel = "FILE",
            description = "an AWS Step Functions Local mock configuration (MockConfigFile.json): StartExecution and "
                    + "StartSyncExecution on a state machine ARN ending in #TEST_CASE run that test case's mocked "
                    + "responses; default: the file the " + MOCK_CONFIG_ENVIRONMENT + " environment variable names")
    Path mockConfig;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES",
            defaultValue = "" + StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
            description = "a request body larger than this is refused; default: ${DEFAULT-VALUE} (1 MiB)")
    long maxRequestBytes;

    @Option(names = "--console-path", paramLabel = "PATH", defaultValue = ConsoleRoutes.DEFAULT_PATH,
            description = "where the web console is served, on the API's port and with its security (with "
                    + "--credentials, a login with one of its keys); default: ${DEFAULT-VALUE}")
    String consolePath;

    @Option(names = "--no-console", description = "serve no web console")
    boolean noConsole;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 0 and 65535, but was " + port);
        }
        if (noConsole && spec.commandLine().getParseResult().hasMatchedOption("--console-path")) {
            throw CliException.usage("--no-console and --console-path do not go together: give one");
        }
        try {
            ConsoleRoutes.checkPath(consolePath);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--console-path: " + TerminalText.escape(e.getMessage()));
        }
        if (maxRequestBytes <= 0) {
            throw CliException.usage("--max-request-bytes must be positive, but was " + maxRequestBytes);
        }
        AccessKeys keys = AccessKeys.NONE;
        try {
            if (credentials != null) {
                keys = AccessKeys.fromCredentialsFile(credentials);
                if (signingRegion != null) {
                    keys = keys.inRegion(signingRegion);
                }
            } else if (signingRegion != null) {
                throw CliException.usage("--signing-region needs --credentials");
            } else {
                StepFunctionsServer.requireLoopback(host);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(TerminalText.escape(e.getMessage()));
        }
        if (store == null || store.isEmpty()) {
            store = MEMORY; // ASL_STORE set but empty
        }
        Path mockFile = mockConfigFile(mockConfig, System.getenv());
        MockConfig mocks = mockFile == null ? null : loadMockConfig(mockFile);
        var mappings = ResourceMaps.load(resourceMaps, InputStream.nullInputStream());
        var policy = resourcePolicy.policy();
        ExecutionStore executions = MEMORY.equals(store) ? new InMemoryExecutionStore()
                : StoreOption.open(store, true);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C (SIGINT) and SIGTERM run the shutdown hooks: stop serving, then close the store, before exiting
        Thread stop = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "asl-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try (Engine engine = new Engine(mappings, executions, policy);
                StepFunctionsServer server = StepFunctionsServer.start(engine.camelContext(), engine.deployer(),
                        engine.store(), engine.tokens(), host, port, maxRequestBytes,
                        StepFunctionsApiRoutes.DEFAULT_ACTIVITY_TASK_POLL, keys, mocks,
                        noConsole ? null : consolePath)) {
            out.println("Step Functions API on " + server.url() + anyAddressHint(host, server.port())
                    + " (executions in "
                    + (MEMORY.equals(store) ? "memory" : TerminalText.escape(store)) + ")"
                    + (keys.isEmpty() ? "" : ", requests signed with the keys of the credentials file")
                    + (mocks == null ? "" : ", mock test cases of " + TerminalText.escape(mockFile.toString()))
                    + server.consoleUrl().map(url -> ", console at " + url).orElse("")
                    + "; Ctrl-C stops it");
            out.flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped in process (the tests): close and return
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for the close above
            }
        }
        return AslCli.EXIT_OK;
    }

    /** 0.0.0.0 or :: is where it listens, not a URL a client can use: say which one works here. */
    private static String anyAddressHint(String host, int port) {
        try {
            return java.net.InetAddress.getByName(host).isAnyLocalAddress()
                    ? " (every address of this host: http://127.0.0.1:" + port + " here)" : "";
        } catch (java.net.UnknownHostException e) {
            return "";
        }
    }

    /**
     * The mock configuration's file: --mock-config's, else the one {@value #MOCK_CONFIG_ENVIRONMENT} names (as Step
     * Functions Local reads it), else none.
     */
    static Path mockConfigFile(Path option, java.util.Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String named = environment.get(MOCK_CONFIG_ENVIRONMENT);
        if (named == null || named.isBlank()) {
            return null;
        }
        try {
            return Path.of(named);
        } catch (java.nio.file.InvalidPathException e) {
            throw CliException.usage(MOCK_CONFIG_ENVIRONMENT + " is not a file path: "
                    + TerminalText.escape(e.getMessage()));
        }
    }

    /** Read and checked before anything starts: a problem is a usage error naming its place in the file. */
    static MockConfig loadMockConfig(Path file) {
        try {
            return MockConfig.load(file);
        } catch (MockConfigException e) {
            throw CliException.usage(TerminalText.escape(e.getMessage()));
        }
    }
}
