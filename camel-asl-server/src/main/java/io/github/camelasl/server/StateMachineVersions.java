package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.StoredStateMachineAlias;
import io.github.camelasl.store.StoredStateMachineVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions of the state machines: PublishStateMachineVersion (also CreateStateMachine and UpdateStateMachine
 * with {@code publish}), ListStateMachineVersions, DeleteStateMachineVersion, DescribeStateMachine and StartExecution
 * on a version ARN ({@code arn:...:stateMachine:NAME:3}). A version keeps the definition and role it was published
 * with, and runs on them after the state machine is updated. And their aliases: CreateStateMachineAlias,
 * DescribeStateMachineAlias, UpdateStateMachineAlias, ListStateMachineAliases, DeleteStateMachineAlias, and
 * StartExecution on an alias ARN ({@code arn:...:stateMachine:NAME:ALIAS}), which runs one of the one or two
 * versions the alias routes to, picked by their weights. Kept in the execution store beside their state machines:
 * {@link #restore} brings them back after a restart.
 */
final class StateMachineVersions {

    /** AWS's quota of versions per state machine. */
    static final int MAX_VERSIONS = 1000;
    static final int MAX_DESCRIPTION = 256;
    /** AWS's quota of aliases per state machine. */
    static final int MAX_ALIASES = 100;

    record Version(String arn, int number, String definition, String roleArn, String revisionId, String description,
            Instant creationDate) {
    }

    /** One version an alias routes to, and the percentage of executions it gets. */
    record Route(String versionArn, int weight) {
    }

    record Alias(String arn, String name, String description, List<Route> routes, Instant creationDate,
            Instant updateDate) {
    }

    /**
     * The versions of one state machine, oldest first, the number the next one gets (never reused), and its
     * aliases by name.
     */
    private static final class Versions {
        final List<Version> published = new ArrayList<>();
        final Map<String, Alias> aliases = new java.util.TreeMap<>();
        int next = 1;
    }

    /** AWS's alias names: 1 to 80 of letters, digits, '_', '-' and '.', not all digits (that is a version). */
    private static final java.util.regex.Pattern ALIAS_NAME = java.util.regex.Pattern.compile(
            "(?=.*[a-zA-Z_\\-.])[a-zA-Z0-9_\\-.]{1,80}");

    private final StateMachineRegistry stateMachines;
    private final ExecutionStore store;
    private final Clock clock;
    private final Map<String, Versions> byMachine = new ConcurrentHashMap<>();

    StateMachineVersions(StateMachineRegistry stateMachines, ExecutionStore store, Clock clock) {
        this.stateMachines = stateMachines;
        this.store = store;
        this.clock = clock;
    }

    /** Brings back the versions and aliases the store keeps for the state machine of {@code machineArn}. */
    synchronized void restore(String machineArn) {
        Versions versions = new Versions();
        for (StoredStateMachineVersion stored : store.stateMachineVersions()) {
            if (stored.stateMachineArn().equals(machineArn)) {
                versions.published.add(new Version(machineArn + ":" + stored.number(), stored.number(),
                        stored.definition(), stored.roleArn(), revisionId(stored.definition(), stored.roleArn()),
                        stored.description(), stored.creationDate()));
            }
        }
        for (StoredStateMachineAlias stored : store.stateMachineAliases()) {
            if (stored.stateMachineArn().equals(machineArn)) {
                versions.aliases.put(stored.name(), new Alias(machineArn + ":" + stored.name(), stored.name(),
                        stored.description(), stored.routes().stream()
                                .map(route -> new Route(route.versionArn(), route.weight())).toList(),
                        stored.creationDate(), stored.updateDate()));
            }
        }
        versions.next = store.lastStateMachineVersionNumber(machineArn) + 1;
        if (!versions.published.isEmpty() || !versions.aliases.isEmpty()) {
            byMachine.put(machineArn, versions);
        }
    }

    private void keep(Alias alias) {
        store.putStateMachineAlias(new StoredStateMachineAlias(aliasMachineArn(alias.arn()), alias.name(),
                alias.description(), alias.routes().stream()
                        .map(route -> new StoredStateMachineAlias.Route(route.versionArn(), route.weight())).toList(),
                alias.creationDate(), alias.updateDate()));
    }

    /** The revision of a definition and role: the same content, the same revisionId. */
    static String revisionId(String definition, String roleArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((roleArn + "\n" + definition)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** True when {@code arn} is a state machine ARN with a qualifier (a version number or an alias name). */
    static boolean qualified(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length == 8 && parts[5].equals("stateMachine");
    }

    ObjectNode publish(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        String revisionId = ApiRequests.optionalText(request, "revisionId");
        return publish(arn, revisionId, description(request, "description"));
    }

    /** Publishes the state machine's current definition; the latest version when that is unchanged since. */
    synchronized ObjectNode publish(String machineArn, String revisionId, String description) {
        StateMachineRegistry.StateMachine machine = stateMachines.find(machineArn);
        stateMachines.checkNotDeleting(machine.arn()); // its versions went with DeleteStateMachine
        String current = revisionId(machine.definition(), machine.roleArn());
        if (revisionId != null && !revisionId.equals(current)) {
            throw new AslError("ConflictException", "The revisionId '" + revisionId + "' is not the state machine's "
                    + "current revision '" + current + "': '" + machineArn + "'");
        }
        Versions versions = byMachine.computeIfAbsent(machine.arn(), arn -> new Versions());
        Version latest = versions.published.isEmpty() ? null : versions.published.get(versions.published.size() - 1);
        if (latest == null || !latest.revisionId().equals(current)) {
            checkQuota(machine.arn(), current);
            int number = versions.next;
            latest = new Version(machine.arn() + ":" + number, number, machine.definition(), machine.roleArn(),
                    current, description, clock.instant());
            // kept first: a version the store refuses is not published
            store.putStateMachineVersion(new StoredStateMachineVersion(machine.arn(), number, latest.definition(),
                    latest.roleArn(), description, latest.creationDate()));
            versions.next++;
            versions.published.add(latest);
        }
        ObjectNode out = Json.NODES.objectNode();
        out.put("creationDate", ExecutionShapes.date(latest.creationDate()));
        out.put("stateMachineVersionArn", latest.arn());
        return out;
    }

    /**
     * ServiceQuotaExceeded when publishing the revision {@code revisionId} would make a version over AWS's quota:
     * UpdateStateMachine with {@code publish} asks before it changes anything.
     */
    synchronized void checkQuota(String machineArn, String revisionId) {
        Versions versions = byMachine.get(machineArn);
        if (versions == null || versions.published.size() < MAX_VERSIONS
                || versions.published.get(versions.published.size() - 1).revisionId().equals(revisionId)) {
            return;
        }
        throw new AslError("ServiceQuotaExceededException", "The state machine '" + machineArn + "' has "
                + MAX_VERSIONS + " versions, AWS's quota: delete one to publish another");
    }

    /** Newest first, as AWS lists them. */
    synchronized ObjectNode list(JsonNode request) {
        StateMachineRegistry.StateMachine machine = stateMachines.find(
                ApiRequests.requiredText(request, "stateMachineArn"));
        List<Version> newestFirst = new ArrayList<>(byMachine.getOrDefault(machine.arn(), new Versions()).published);
        java.util.Collections.reverse(newestFirst);
        Paging.Page page = Paging.page(request, newestFirst.size());
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachineVersions");
        for (Version version : newestFirst.subList(page.from(), page.to())) {
            items.addObject().put("stateMachineVersionArn", version.arn())
                    .put("creationDate", ExecutionShapes.date(version.creationDate()));
        }
        page.nextToken().ifPresent(token -> out.put("nextToken", token));
        return out;
    }

    /** AWS answers even for a version that does not exist. */
    synchronized ObjectNode delete(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineVersionArn");
        VersionArn parsed = VersionArn.parse(arn);
        Versions versions = byMachine.get(parsed.machineArn());
        if (versions != null) {
            for (Alias alias : versions.aliases.values()) {
                if (alias.routes().stream().anyMatch(route -> route.versionArn().equals(arn))) {
                    throw new AslError("ConflictException", "The version '" + arn + "' cannot be deleted: the alias '"
                            + alias.arn() + "' routes to it (update or delete the alias first)");
                }
            }
            store.deleteStateMachineVersion(parsed.machineArn(), parsed.number());
            versions.published.removeIf(version -> version.number() == parsed.number());
        }
        return Json.NODES.objectNode();
    }

    /** Its versions go with a deleted state machine (the store forgets them with it). */
    synchronized void machineDeleted(String machineArn) {
        byMachine.remove(machineArn);
    }

    /** The version {@code arn} names, or ResourceNotFound. */
    synchronized Version find(String arn) {
        VersionArn parsed = VersionArn.parse(arn);
        Versions versions = byMachine.get(parsed.machineArn());
        if (versions != null) {
            for (Version version : versions.published) {
                if (version.number() == parsed.number()) {
                    return version;
                }
            }
        }
        throw new ResourceTags.ResourceError("ResourceNotFound", "State Machine Version Does Not Exist: '" + arn
                + "'", arn);
    }

    ObjectNode describe(String arn) {
        Version version = find(arn);
        StateMachineRegistry.StateMachine machine = stateMachines.find(VersionArn.parse(arn).machineArn());
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineArn", version.arn());
        out.put("name", machine.name());
        out.put("status", "ACTIVE");
        out.put("definition", version.definition());
        out.put("roleArn", version.roleArn());
        out.put("type", machine.type());
        out.put("creationDate", ExecutionShapes.date(version.creationDate()));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        out.put("revisionId", version.revisionId());
        if (version.description() != null) {
            out.put("description", version.description());
        }
        return out;
    }

    /**
     * The runtime a version runs on: the definition and role it was published with; for an alias, that of the
     * version its routing picks.
     */
    StateMachineRuntime runtime(String arn) throws Exception {
        return target(arn).runtime();
    }

    /** What StartExecution on a version or alias ARN runs: the version's runtime, and what it was started through. */
    record Target(StateMachineRuntime runtime, ExecutionStore.StartedThrough startedThrough) {
    }

    /** The runtime of the version {@code arn} names, or of one its alias picks; with the version and alias. */
    Target target(String arn) throws Exception {
        boolean version = isVersion(arn);
        String versionArn = version ? arn : pickVersion(findAlias(arn));
        Version picked = find(versionArn);
        return new Target(stateMachines.runtimeOf(VersionArn.parse(versionArn).machineArn(), picked.definition(),
                picked.roleArn()), new ExecutionStore.StartedThrough(versionArn, version ? null : arn));
    }

    /**
     * ResourceNotFound unless {@code arn} names a version or an alias that exists; InvalidArn when it is not a
     * qualified state machine ARN.
     */
    void checkExists(String arn) {
        if (isVersion(arn)) {
            find(arn);
        } else {
            findAlias(arn);
        }
    }

    private static boolean isVersion(String qualifiedArn) {
        return qualifiedArn.substring(qualifiedArn.lastIndexOf(':') + 1).matches("[0-9]+");
    }

    /** A version of the alias's routing, each with the chance its weight says. */
    private static String pickVersion(Alias alias) {
        int draw = java.util.concurrent.ThreadLocalRandom.current().nextInt(100);
        for (Route route : alias.routes()) {
            draw -= route.weight();
            if (draw < 0) {
                return route.versionArn();
            }
        }
        throw new IllegalStateException("the weights of an alias add up to 100");
    }

    synchronized ObjectNode createAlias(JsonNode request) {
        String name = ApiRequests.requiredText(request, "name");
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw ApiRequests.validation("name", "Member must be 1 to 80 letters, digits, '_', '-' or '.', not all "
                    + "digits, but was '" + name + "'");
        }
        String description = description(request, "description");
        List<Route> routes = routes(request);
        String machineArn = VersionArn.parse(routes.get(0).versionArn()).machineArn();
        Versions versions = byMachine.get(machineArn);
        String arn = machineArn + ":" + name;
        Alias existing = versions.aliases.get(name);
        if (existing != null) {
            // AWS answers a repeated identical request with the alias it created
            if (java.util.Objects.equals(existing.description(), description) && existing.routes().equals(routes)) {
                return aliasCreated(existing);
            }
            throw new AslError("ConflictException", "The alias '" + arn + "' exists with another configuration");
        }
        if (versions.aliases.size() >= MAX_ALIASES) {
            throw new AslError("ServiceQuotaExceededException", "The state machine '" + machineArn + "' has "
                    + MAX_ALIASES + " aliases, AWS's quota: delete one to create another");
        }
        Instant now = clock.instant();
        Alias alias = new Alias(arn, name, description, routes, now, now);
        keep(alias);
        versions.aliases.put(name, alias);
        return aliasCreated(alias);
    }

    private static ObjectNode aliasCreated(Alias alias) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineAliasArn", alias.arn());
        out.put("creationDate", ExecutionShapes.date(alias.creationDate()));
        return out;
    }

    synchronized ObjectNode describeAlias(JsonNode request) {
        Alias alias = findAlias(ApiRequests.requiredText(request, "stateMachineAliasArn"));
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineAliasArn", alias.arn());
        out.put("name", alias.name());
        if (alias.description() != null) {
            out.put("description", alias.description());
        }
        ArrayNode routing = out.putArray("routingConfiguration");
        for (Route route : alias.routes()) {
            routing.addObject().put("stateMachineVersionArn", route.versionArn()).put("weight", route.weight());
        }
        out.put("creationDate", ExecutionShapes.date(alias.creationDate()));
        out.put("updateDate", ExecutionShapes.date(alias.updateDate()));
        return out;
    }

    synchronized ObjectNode updateAlias(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineAliasArn");
        Alias alias = findAlias(arn);
        boolean newDescription = request.has("description");
        boolean newRoutes = request.has("routingConfiguration");
        if (!newDescription && !newRoutes) {
            throw ApiRequests.validation("routingConfiguration", "Either the description or the "
                    + "routingConfiguration must be given");
        }
        String description = newDescription ? description(request, "description") : alias.description();
        List<Route> routes = newRoutes ? routes(request) : alias.routes();
        if (!VersionArn.parse(routes.get(0).versionArn()).machineArn().equals(aliasMachineArn(arn))) {
            throw ApiRequests.validation("routingConfiguration", "Member must route to versions of the alias's own "
                    + "state machine");
        }
        Instant now = clock.instant();
        Alias updated = new Alias(alias.arn(), alias.name(), description, routes, alias.creationDate(), now);
        keep(updated);
        byMachine.get(aliasMachineArn(arn)).aliases.put(alias.name(), updated);
        ObjectNode out = Json.NODES.objectNode();
        out.put("updateDate", ExecutionShapes.date(now));
        return out;
    }

    /** Sorted by name, as AWS lists them; paged as the other List actions are. */
    synchronized ObjectNode listAliases(JsonNode request) {
        StateMachineRegistry.StateMachine machine = stateMachines.find(
                ApiRequests.requiredText(request, "stateMachineArn"));
        List<Alias> aliases = new ArrayList<>(byMachine.getOrDefault(machine.arn(), new Versions()).aliases.values());
        Paging.Page page = Paging.page(request, aliases.size());
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("stateMachineAliases");
        for (Alias alias : aliases.subList(page.from(), page.to())) {
            items.addObject().put("stateMachineAliasArn", alias.arn())
                    .put("creationDate", ExecutionShapes.date(alias.creationDate()));
        }
        page.nextToken().ifPresent(token -> out.put("nextToken", token));
        return out;
    }

    /** AWS answers even for an alias that does not exist. */
    synchronized ObjectNode deleteAlias(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineAliasArn");
        Versions versions = byMachine.get(aliasMachineArn(arn));
        if (versions != null) {
            String name = arn.substring(arn.lastIndexOf(':') + 1);
            store.deleteStateMachineAlias(aliasMachineArn(arn), name);
            versions.aliases.remove(name);
        }
        return Json.NODES.objectNode();
    }

    /** The alias {@code arn} names, or ResourceNotFound. */
    synchronized Alias findAlias(String arn) {
        Versions versions = byMachine.get(aliasMachineArn(arn));
        Alias alias = versions == null ? null : versions.aliases.get(arn.substring(arn.lastIndexOf(':') + 1));
        if (alias == null) {
            throw new ResourceTags.ResourceError("ResourceNotFound", "State Machine Alias Does Not Exist: '" + arn
                    + "'", arn);
        }
        return alias;
    }

    /** The state machine of an alias ARN (arn:...:stateMachine:NAME:ALIAS); InvalidArn for any other ARN. */
    private static String aliasMachineArn(String arn) {
        StateMachineRegistry.checkArn(arn, "stateMachine");
        String[] parts = arn.split(":", -1);
        if (parts.length != 8 || !ALIAS_NAME.matcher(parts[7]).matches()) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "' is not a state machine alias ARN");
        }
        return arn.substring(0, arn.lastIndexOf(':'));
    }

    /**
     * AWS's routingConfiguration: one or two different versions of one state machine, which exist, with weights
     * from 0 to 100 that add up to 100.
     */
    private List<Route> routes(JsonNode request) {
        JsonNode routing = request.get("routingConfiguration");
        if (routing == null || routing.isNull()) {
            throw ApiRequests.validation("routingConfiguration", "Member must not be null");
        }
        if (!routing.isArray() || routing.isEmpty() || routing.size() > 2) {
            throw ApiRequests.validation("routingConfiguration", "Member must be a list of 1 or 2 routes");
        }
        List<Route> routes = new ArrayList<>();
        int total = 0;
        for (JsonNode route : routing) {
            if (!route.isObject()) {
                throw ApiRequests.validation("routingConfiguration", "Member must be a list of routes");
            }
            String versionArn = ApiRequests.requiredText(route, "stateMachineVersionArn");
            JsonNode weight = route.get("weight");
            if (weight == null || !weight.isIntegralNumber() || !weight.canConvertToInt() || weight.asInt() < 0
                    || weight.asInt() > 100) {
                throw ApiRequests.validation("routingConfiguration.weight", "Member must be a whole number from 0 "
                        + "to 100, but was " + weight);
            }
            find(versionArn); // ResourceNotFound for a version that does not exist
            routes.add(new Route(versionArn, weight.asInt()));
            total += weight.asInt();
        }
        if (total != 100) {
            throw ApiRequests.validation("routingConfiguration", "Member's weights must add up to 100, but add up "
                    + "to " + total);
        }
        if (routes.size() == 2 && (routes.get(0).versionArn().equals(routes.get(1).versionArn())
                || !VersionArn.parse(routes.get(0).versionArn()).machineArn().equals(
                        VersionArn.parse(routes.get(1).versionArn()).machineArn()))) {
            throw ApiRequests.validation("routingConfiguration", "Member must route to two different versions of "
                    + "one state machine");
        }
        return List.copyOf(routes);
    }

    static String description(JsonNode request, String member) {
        String description = ApiRequests.optionalText(request, member);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiRequests.validation(member, "Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        return description;
    }

    /** arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME:NUMBER. */
    record VersionArn(String machineArn, int number) {
        static VersionArn parse(String arn) {
            StateMachineRegistry.checkArn(arn, "stateMachine");
            String[] parts = arn.split(":", -1);
            if (parts.length == 8 && parts[7].matches("[1-9][0-9]{0,8}")) {
                return new VersionArn(arn.substring(0, arn.lastIndexOf(':')), Integer.parseInt(parts[7]));
            }
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "' is not a state machine version ARN");
        }
    }
}
