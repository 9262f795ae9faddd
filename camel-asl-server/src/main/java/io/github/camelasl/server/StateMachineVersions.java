package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.StateMachineRuntime;
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
 * with, and runs on them after the state machine is updated. Kept in memory only (see the user guide).
 */
final class StateMachineVersions {

    /** AWS's quota of versions per state machine. */
    static final int MAX_VERSIONS = 1000;
    static final int MAX_DESCRIPTION = 256;

    record Version(String arn, int number, String definition, String roleArn, String revisionId, String description,
            Instant creationDate) {
    }

    /** The versions of one state machine, oldest first, and the number the next one gets (never reused). */
    private static final class Versions {
        final List<Version> published = new ArrayList<>();
        int next = 1;
    }

    private final StateMachineRegistry stateMachines;
    private final Clock clock;
    private final Map<String, Versions> byMachine = new ConcurrentHashMap<>();

    StateMachineVersions(StateMachineRegistry stateMachines, Clock clock) {
        this.stateMachines = stateMachines;
        this.clock = clock;
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
        String current = revisionId(machine.definition(), machine.roleArn());
        if (revisionId != null && !revisionId.equals(current)) {
            throw new AslError("ConflictException", "The revisionId '" + revisionId + "' is not the state machine's "
                    + "current revision '" + current + "': '" + machineArn + "'");
        }
        Versions versions = byMachine.computeIfAbsent(machine.arn(), arn -> new Versions());
        Version latest = versions.published.isEmpty() ? null : versions.published.get(versions.published.size() - 1);
        if (latest == null || !latest.revisionId().equals(current)) {
            if (versions.published.size() >= MAX_VERSIONS) {
                throw new AslError("ServiceQuotaExceededException", "The state machine '" + machineArn + "' has "
                        + MAX_VERSIONS + " versions, AWS's quota: delete one to publish another");
            }
            int number = versions.next++;
            latest = new Version(machine.arn() + ":" + number, number, machine.definition(), machine.roleArn(),
                    current, description, clock.instant());
            versions.published.add(latest);
        }
        ObjectNode out = Json.NODES.objectNode();
        out.put("creationDate", ExecutionShapes.date(latest.creationDate()));
        out.put("stateMachineVersionArn", latest.arn());
        return out;
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
            versions.published.removeIf(version -> version.number() == parsed.number());
        }
        return Json.NODES.objectNode();
    }

    /** Its versions go with a deleted state machine. */
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

    /** The runtime a version runs on: the definition and role it was published with. */
    StateMachineRuntime runtime(String arn) throws Exception {
        Version version = find(arn);
        return stateMachines.runtimeOf(VersionArn.parse(arn).machineArn(), version.definition(), version.roleArn());
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
