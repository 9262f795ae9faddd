package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.StateMachineDeployment;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.StoredStateMachine;
import io.github.camelasl.validation.Diagnostic;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The state machines created through the API: CreateStateMachine, DescribeStateMachine, ListStateMachines,
 * UpdateStateMachine, DeleteStateMachine and ValidateStateMachineDefinition. Each is deployed through the
 * {@link AslDeployer}, so its Resources go through the resource policy and mappings as any deployment's do.
 * They are kept in the execution store: on a durable one, {@link #restore()} deploys them again after a restart
 * and resumes their RUNNING executions.
 */
final class StateMachineRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateMachineRegistry.class);

    /** AWS's names: 1 to 80 characters, none of whitespace, brackets, wildcards, special or control characters. */
    private static final Pattern VALID_NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    /**
     * A state machine as created, with the runtime new executions run on, and those of its earlier definitions
     * (newest first), which run the executions started before an update.
     */
    record StateMachine(String arn, String name, String type, String roleArn, String definition,
            Instant creationDate, StateMachineRuntime runtime, List<StateMachineRuntime> earlier,
            String notDeployed) {

        /** A stored state machine that no longer deploys (see {@link #restore()}): kept, but runs nothing. */
        static StateMachine notDeployed(StoredStateMachine stored, String why) {
            return new StateMachine(stored.stateMachineArn(), stored.name(), stored.type(), stored.roleArn(),
                    stored.definition(), stored.creationDate(), null, List.of(), why);
        }

        /** Its runtime, or InvalidDefinition saying why it does not deploy. */
        @Override
        public StateMachineRuntime runtime() {
            if (runtime == null) {
                throw new AslError("InvalidDefinition", "State machine '" + arn + "' is kept in the store but does "
                        + "not deploy now: " + notDeployed + " (UpdateStateMachine with a definition that deploys, "
                        + "or DeleteStateMachine)");
            }
            return runtime;
        }

        /** Its runtimes, the current one first: none when it does not deploy. */
        List<StateMachineRuntime> runtimes() {
            List<StateMachineRuntime> all = new java.util.ArrayList<>();
            if (runtime != null) {
                all.add(runtime);
            }
            all.addAll(earlier);
            return all;
        }

        /** The runtime of the definition an execution started with (the current one if none has it). */
        StateMachineRuntime runtimeFor(String executionDefinition) {
            if (executionDefinition == null || runtime().definition().equals(executionDefinition)) {
                return runtime();
            }
            return earlier.stream().filter(r -> r.definition().equals(executionDefinition)).findFirst()
                    .orElse(runtime());
        }
    }

    private final AslDeployer deployer;
    private final ExecutionStore store;
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Map<String, StateMachine> byArn = new ConcurrentHashMap<>();
    /** The ARNs of the state machines DeleteStateMachine waits to remove: some of their executions still run. */
    private final java.util.Set<String> deleting = ConcurrentHashMap.newKeySet();
    /**
     * Held (shared) while an execution starts, and (exclusive) while DeleteStateMachine decides whether executions
     * run: an execution started as the state machine goes would be left RUNNING on routes that are gone.
     */
    private final java.util.concurrent.locks.ReadWriteLock starting =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final StateMachineVersions versions;

    StateMachineRegistry(AslDeployer deployer, ExecutionStore store, String region, String accountId, Clock clock) {
        this.deployer = deployer;
        this.store = store;
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
        this.versions = new StateMachineVersions(this, store, clock);
    }

    StateMachineVersions versions() {
        return versions;
    }

    /**
     * The runtime of {@code machineArn} for a definition and role (a version's): one deployed already, or a new one,
     * kept with the state machine's earlier runtimes so that its routes go when the state machine does.
     */
    synchronized StateMachineRuntime runtimeOf(String machineArn, String definition, String roleArn)
            throws Exception {
        StateMachine machine = find(machineArn);
        for (StateMachineRuntime runtime : machine.runtimes()) {
            if (runtime.definition().equals(definition) && roleArn.equals(runtime.config().roleArn())) {
                return runtime;
            }
        }
        StateMachineRuntime runtime = deploy(machine.name(), definition, config(machine.name(), machine.type(),
                roleArn));
        List<StateMachineRuntime> earlier = new java.util.ArrayList<>(machine.earlier());
        earlier.add(runtime);
        byArn.put(machine.arn(), new StateMachine(machine.arn(), machine.name(), machine.type(), machine.roleArn(),
                machine.definition(), machine.creationDate(), machine.runtime, List.copyOf(earlier),
                machine.notDeployed()));
        return runtime;
    }

    /** {@code publish} and {@code versionDescription} of a Create or Update, checked before anything changes. */
    record PublishRequest(boolean publish, String description) {
        static PublishRequest of(JsonNode request) {
            JsonNode publish = request.get("publish");
            if (publish != null && !publish.isNull() && !publish.isBoolean()) {
                throw ApiRequests.validation("publish", "must be a boolean");
            }
            String description = StateMachineVersions.description(request, "versionDescription");
            boolean asked = publish != null && publish.asBoolean();
            if (!asked && description != null) {
                throw ApiRequests.validation("versionDescription", "may only be given with publish: true");
            }
            return new PublishRequest(asked, description);
        }

        /** Publishes a version of what was just created or updated, when asked, as AWS does. */
        void apply(StateMachineVersions versions, String machineArn, ObjectNode out) {
            if (publish) {
                out.put("stateMachineVersionArn", versions.publish(machineArn, null, description)
                        .get("stateMachineVersionArn").textValue());
            }
        }
    }

    /** The state machine of {@code arn}, or StateMachineDoesNotExist. */
    StateMachine find(String arn) {
        checkArn(arn, "stateMachine");
        StateMachine machine = byArn.get(arn);
        if (machine == null) {
            throw new AslError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    Optional<StateMachine> findIfPresent(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    synchronized ObjectNode create(JsonNode request) throws Exception {
        String name = ApiRequests.requiredText(request, "name");
        if (!VALID_NAME.matcher(name).matches()) {
            throw new AslError("InvalidName", "Invalid Name: '" + name + "'");
        }
        String definition = ApiRequests.requiredText(request, "definition");
        String roleArn = ApiRequests.requiredText(request, "roleArn");
        checkArn(roleArn, null);
        String type = type(request);
        PublishRequest publish = PublishRequest.of(request);
        StateMachineConfig config = config(name, type, roleArn);
        StateMachine existing = byArn.get(config.stateMachineArn());
        if (existing != null) {
            checkNotDeleting(existing.arn()); // AWS: the name is taken until the deletion ends
            // AWS answers a repeated identical request with the state machine it created
            if (existing.definition().equals(definition) && existing.roleArn().equals(roleArn)
                    && existing.type().equals(type)) {
                return created(existing);
            }
            throw new AslError("StateMachineAlreadyExists", "State Machine Already Exists: '"
                    + config.stateMachineArn() + "'");
        }
        Instant now = clock.instant();
        StateMachineRuntime runtime = deploy(name, definition, config);
        keep(runtime, new StoredStateMachine(config.stateMachineArn(), name, type, roleArn, definition, now, null));
        StateMachine machine = new StateMachine(config.stateMachineArn(), name, type, roleArn, definition, now,
                runtime, List.of(), null);
        byArn.put(machine.arn(), machine);
        ObjectNode out = created(machine);
        publish.apply(versions, machine.arn(), out);
        return out;
    }

    private static ObjectNode created(StateMachine machine) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineArn", machine.arn());
        out.put("creationDate", ExecutionShapes.date(machine.creationDate()));
        return out;
    }

    ObjectNode describe(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        if (StateMachineVersions.qualified(arn)) {
            return versions.describe(arn);
        }
        StateMachine machine = find(arn);
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineArn", machine.arn());
        out.put("name", machine.name());
        out.put("status", deleting.contains(machine.arn()) ? "DELETING" : "ACTIVE");
        out.put("definition", machine.definition());
        out.put("roleArn", machine.roleArn());
        out.put("type", machine.type());
        out.put("creationDate", ExecutionShapes.date(machine.creationDate()));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        out.put("revisionId", StateMachineVersions.revisionId(machine.definition(), machine.roleArn()));
        return out;
    }

    /** Oldest first, as AWS lists them; paged as ListExecutions is. */
    ObjectNode list(JsonNode request) {
        List<StateMachine> machines = byArn.values().stream()
                .sorted(Comparator.comparing(StateMachine::creationDate).thenComparing(StateMachine::name))
                .toList();
        Paging.Page page = Paging.page(request, machines.size());
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachines");
        for (StateMachine machine : machines.subList(page.from(), page.to())) {
            items.addObject().put("stateMachineArn", machine.arn()).put("name", machine.name())
                    .put("type", machine.type()).put("creationDate", ExecutionShapes.date(machine.creationDate()));
        }
        page.nextToken().ifPresent(token -> out.put("nextToken", token));
        return out;
    }

    /**
     * A new definition and/or role: deployed as a new runtime, which new executions run on. The old runtime's routes
     * stay, so that the executions it runs finish (and are stopped, redriven) on the definition they started with.
     */
    synchronized ObjectNode update(JsonNode request) throws Exception {
        StateMachine machine = find(ApiRequests.requiredText(request, "stateMachineArn"));
        if (machine.notDeployed() == null) {
            checkNotDeleting(machine.arn()); // one that does not deploy may be mended, so its executions can end
        }
        String definition = ApiRequests.optionalText(request, "definition");
        String roleArn = ApiRequests.optionalText(request, "roleArn");
        if (definition == null && roleArn == null) {
            throw new AslError("MissingRequiredParameter", "Either the definition or the roleArn must be given");
        }
        if (roleArn != null) {
            checkArn(roleArn, null);
        }
        PublishRequest publish = PublishRequest.of(request);
        String newDefinition = definition != null ? definition : machine.definition();
        String newRole = roleArn != null ? roleArn : machine.roleArn();
        if (publish.publish()) {
            versions.checkQuota(machine.arn(), StateMachineVersions.revisionId(newDefinition, newRole));
        }
        StateMachineConfig config = config(machine.name(), machine.type(), newRole);
        Instant now = clock.instant();
        StateMachineRuntime runtime = deploy(machine.name(), newDefinition, config);
        keep(runtime, new StoredStateMachine(machine.arn(), machine.name(), machine.type(), newRole, newDefinition,
                machine.creationDate(), now));
        List<StateMachineRuntime> earlier = new java.util.ArrayList<>(machine.runtimes());
        if (machine.notDeployed() != null) {
            // its executions waited in the store for a definition that deploys: they resume now
            earlier.addAll(resumeUnfinished(machine.name(), newDefinition, runtime));
        }
        StateMachine updated = new StateMachine(machine.arn(), machine.name(), machine.type(), newRole,
                newDefinition, machine.creationDate(), runtime, List.copyOf(earlier), null);
        byArn.put(updated.arn(), updated);
        ObjectNode out = Json.NODES.objectNode();
        out.put("updateDate", ExecutionShapes.date(now));
        out.put("revisionId", StateMachineVersions.revisionId(newDefinition, newRole));
        publish.apply(versions, updated.arn(), out);
        return out;
    }

    /**
     * AWS's DeleteStateMachine: its versions and aliases go at once; the state machine itself goes once no execution
     * of it is RUNNING. Until then it is DELETING (marked so in the store, so that a restart finishes the deletion):
     * DescribeStateMachine shows it, new executions are refused with StateMachineDeleting, and the running ones go
     * on to their end (a Wait, a task token, an activity), on routes kept for them. AWS answers even for a state
     * machine that does not exist.
     */
    ObjectNode delete(JsonNode request) throws Exception {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        checkArn(arn, "stateMachine");
        // the lock before the monitor, in the order a start takes them (a version's runtime is deployed under it)
        starting.writeLock().lock();
        try {
            synchronized (this) {
                versions.machineDeleted(arn);
                if (!byArn.containsKey(arn) || !hasRunningExecutions(arn)) {
                    deleteNow(arn);
                    return Json.NODES.objectNode();
                }
                store.markStateMachineDeleting(arn);
                deleting.add(arn);
            }
        } finally {
            starting.writeLock().unlock();
        }
        LOG.info("deleting {} once its running executions end", TerminalText.escape(arn));
        return Json.NODES.objectNode();
    }

    /**
     * Starts an execution of {@code machineArn} (or of its version or alias) with {@code start}, unless the state
     * machine is being deleted (StateMachineDeleting); the execution is in the store once {@code start} returns.
     */
    <T> T startUnlessDeleting(String machineArn, java.util.function.Supplier<T> start) {
        starting.readLock().lock();
        try {
            checkNotDeleting(machineArn);
            return start.get();
        } finally {
            starting.readLock().unlock();
        }
    }

    /** True while DeleteStateMachine waits for the state machine's running executions to end. */
    boolean isDeleting(String arn) {
        return deleting.contains(arn);
    }

    /** StateMachineDeleting, AWS's error for what a state machine being deleted no longer takes. */
    void checkNotDeleting(String arn) {
        if (deleting.contains(arn)) {
            throw new AslError("StateMachineDeleting", "State Machine Is Being Deleted: '" + arn + "'");
        }
    }

    /**
     * Checks every half second, on {@code scheduler} (the CamelContext's, stopped with it), whether the state
     * machines being deleted have running executions left; each that has none goes. The store is asked, not the
     * runtimes: it knows the executions parked out of memory and those resumed after a restart alike.
     */
    void finishDeletionsOn(java.util.concurrent.ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::finishDeletions, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void finishDeletions() {
        for (String arn : List.copyOf(deleting)) {
            try {
                finishDeletion(arn);
            } catch (Exception e) {
                // the store cannot be read now: the next check tries again
                LOG.warn("Cannot finish deleting {} now: {}", TerminalText.escape(arn), e.getMessage());
            }
        }
    }

    private void finishDeletion(String arn) throws Exception {
        starting.writeLock().lock(); // before the monitor, as in delete
        try {
            synchronized (this) {
                if (!deleting.contains(arn) || hasRunningExecutions(arn)) {
                    return;
                }
                deleteNow(arn);
            }
        } finally {
            starting.writeLock().unlock();
        }
        LOG.info("deleted {}: its last running execution ended", TerminalText.escape(arn));
    }

    private boolean hasRunningExecutions(String arn) {
        return !store.executions(arn, ExecutionStatus.RUNNING, null, 1).executions().isEmpty();
    }

    /** Removes the state machine and its routes. */
    private void deleteNow(String arn) throws Exception {
        store.deleteStateMachine(arn); // first: were it kept after its routes went, a restart would bring it back
        versions.machineDeleted(arn);
        StateMachine removed = byArn.get(arn);
        try {
            if (removed != null) {
                for (StateMachineRuntime runtime : removed.runtimes()) {
                    runtime.undeploy();
                }
            }
        } finally {
            // only now: until its routes are gone, it is still there (DELETING)
            byArn.remove(arn);
            deleting.remove(arn);
        }
    }

    /** AWS's ValidateStateMachineDefinition: result OK or FAIL, with the validator's diagnostics. */
    ObjectNode validate(JsonNode request) {
        String definition = ApiRequests.requiredText(request, "definition");
        List<Diagnostic> diagnostics = deployer.validate(definition, type(request));
        ObjectNode out = Json.NODES.objectNode();
        boolean failed = diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        out.put("result", failed ? "FAIL" : "OK");
        ArrayNode items = out.putArray("diagnostics");
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode item = items.addObject();
            item.put("severity", diagnostic.severity().name());
            item.put("code", diagnostic.code());
            item.put("message", diagnostic.message());
            if (diagnostic.location() != null && !diagnostic.location().isEmpty()) {
                item.put("location", diagnostic.location());
            }
        }
        out.put("truncated", false);
        return out;
    }

    /**
     * Deploys the state machines the store keeps (after a restart), under the deployer's resource policy and
     * mappings, and resumes their RUNNING executions, each on the definition it started with (as the asl:
     * component does for its endpoints). One that no longer deploys is kept, logged with the reason, and answered
     * as such ({@link StateMachine#runtime()}); its executions stay RUNNING in the store.
     */
    synchronized void restore() {
        java.util.Set<String> markedDeleting = store.deletingStateMachines();
        for (StoredStateMachine stored : store.stateMachines()) {
            if (byArn.containsKey(stored.stateMachineArn())) {
                continue;
            }
            if (markedDeleting.contains(stored.stateMachineArn())) {
                // deleted while executions ran: they resume below, and it goes once they end (its versions are gone)
                deleting.add(stored.stateMachineArn());
            }
            StateMachineRuntime runtime;
            try {
                runtime = deploy(stored.name(), stored.definition(),
                        config(stored.name(), stored.type(), stored.roleArn()));
            } catch (Exception e) {
                String why = e instanceof AslError error ? error.cause() : e.getMessage();
                LOG.error("State machine {} does not deploy now: {}", TerminalText.escape(stored.stateMachineArn()),
                        TerminalText.escape(why));
                byArn.put(stored.stateMachineArn(), StateMachine.notDeployed(stored, why));
                restoreVersions(stored.stateMachineArn());
                continue;
            }
            List<StateMachineRuntime> earlier = resumeUnfinished(stored.name(), stored.definition(), runtime);
            byArn.put(stored.stateMachineArn(), new StateMachine(stored.stateMachineArn(), stored.name(),
                    stored.type(), stored.roleArn(), stored.definition(), stored.creationDate(), runtime, earlier,
                    null));
            restoreVersions(stored.stateMachineArn());
        }
    }

    private void restoreVersions(String machineArn) {
        if (!deleting.contains(machineArn)) {
            versions.restore(machineArn);
        }
    }

    /**
     * Resumes the RUNNING executions a durable store holds for the state machine {@code runtime} runs, as the asl:
     * component does; returns the runtimes of the older definitions deployed for those that started on one.
     */
    private List<StateMachineRuntime> resumeUnfinished(String name, String definition, StateMachineRuntime runtime) {
        if (!store.durable()) {
            return List.of(); // in memory, they run in this JVM still
        }
        StateMachineDeployment deployment = new StateMachineDeployment("state machine " + name, definition, runtime,
                deployer, Integer.MAX_VALUE, java.util.Set.of());
        deployment.resumeUnfinished(List.of());
        return deployment.earlierVersions();
    }

    private StateMachineConfig config(String name, String type, String roleArn) {
        return new StateMachineConfig(name, type, "aws", region, accountId, roleArn);
    }

    /** Keeps {@code stored} in the store; when the store refuses it, the runtime just deployed goes again. */
    private void keep(StateMachineRuntime runtime, StoredStateMachine stored) throws Exception {
        try {
            store.putStateMachine(stored);
        } catch (RuntimeException e) {
            runtime.undeploy();
            throw e;
        }
    }

    private StateMachineRuntime deploy(String name, String definition, StateMachineConfig config) throws Exception {
        StateMachineRuntime runtime;
        try {
            runtime = deployer.deploy("state machine " + name, definition, config);
        } catch (AslValidationException e) {
            // AWS's shape: "Invalid State Machine Definition: 'CODE: message at /pointer, ...'"
            throw new AslError("InvalidDefinition", "Invalid State Machine Definition: '" + e.diagnostics().stream()
                    .map(StateMachineRegistry::awsText).collect(Collectors.joining(", ")) + "'");
        }
        // no poller brings a parked execution back into memory here: keep every execution in memory while it runs
        runtime.parkInMemorySeconds(Integer.MAX_VALUE);
        LOG.info("deployed {}", config.stateMachineArn());
        return runtime;
    }

    private static String awsText(Diagnostic diagnostic) {
        String location = diagnostic.location() == null || diagnostic.location().isEmpty() ? ""
                : " at " + diagnostic.location();
        return diagnostic.code() + ": " + diagnostic.message() + location;
    }

    private static String type(JsonNode request) {
        String type = ApiRequests.optionalText(request, "type");
        if (type == null) {
            return "STANDARD";
        }
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw ApiRequests.validation("type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        return type;
    }

    /**
     * InvalidArn unless {@code arn} looks like an ARN: "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", and with
     * {@code resourceType}, a Step Functions one of that type.
     */
    /** The state machine name in a state machine, version or alias ARN (checked already). */
    static String nameOf(String stateMachineArn) {
        return stateMachineArn.split(":", -1)[6];
    }

    static void checkArn(String arn, String resourceType) {
        String[] parts = arn.split(":", -1);
        boolean valid = parts.length >= 6 && parts[0].equals("arn") && !parts[1].isEmpty() && !parts[2].isEmpty();
        if (valid && resourceType != null) {
            valid = parts[2].equals("states") && parts.length >= 7 && parts[5].equals(resourceType)
                    && !parts[6].isEmpty();
        }
        if (!valid) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
    }
}
