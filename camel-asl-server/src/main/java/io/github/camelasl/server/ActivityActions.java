package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ActivityEndpoint;
import io.github.camelasl.AslConstants;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.StoredActivity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.PollingConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Activities: CreateActivity, DescribeActivity, ListActivities, DeleteActivity and GetActivityTask. A Task whose
 * Resource is an activity's ARN queues its task where the {@code from("asl:activity:NAME")} workers take theirs
 * ({@link ActivityEndpoint#queueUri}); GetActivityTask takes from that same queue, so in-app workers and workers
 * using the API share the tasks. The worker answers with SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
 * Activities are kept in the execution store (on a durable one they outlive a restart), as state machines are.
 */
final class ActivityActions {

    /** AWS's wait for a task before GetActivityTask answers with none. */
    static final Duration AWS_POLL = Duration.ofSeconds(60);

    /**
     * AWS's names (1 to 80 characters) narrowed to what may go into the queue's endpoint URI unchanged (see
     * UriSafeText): letters, digits, '-', '_' and '.'.
     */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");
    private static final int MAX_WORKER_NAME = 80;

    /**
     * Long polls at once, over all activities: each holds one of the HTTP server's worker threads (Vert.x has 20)
     * while it waits, so past this many a poll is refused, as AWS refuses one over its limit, and the other
     * actions still find a thread.
     */
    static final int MAX_POLLERS = 10;

    record Activity(String arn, String name, Instant creationDate) {
    }

    private final Supplier<CamelContext> camelContext;
    private final TaskTokens tokens;
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Duration poll;
    private final Map<String, Activity> byArn = new ConcurrentHashMap<>();
    private final int maxPollers;
    private final Semaphore pollers;
    private ResourceTags tags;
    private final ExecutionStore store;

    /**
     * @param camelContext where the activities' queues are (the API route's context, known once it is added)
     * @param poll         how long GetActivityTask waits for a task: AWS's 60 seconds, shorter in tests
     */
    ActivityActions(Supplier<CamelContext> camelContext, TaskTokens tokens, ExecutionStore store, String region,
            String accountId, Clock clock, Duration poll) {
        this(camelContext, tokens, store, region, accountId, clock, poll, MAX_POLLERS);
    }

    /** @param store where activities are kept: those it holds already are restored */
    ActivityActions(Supplier<CamelContext> camelContext, TaskTokens tokens, ExecutionStore store, String region,
            String accountId, Clock clock, Duration poll, int maxPollers) {
        this.store = store;
        for (StoredActivity kept : store.activities()) {
            byArn.put(kept.activityArn(), new Activity(kept.activityArn(), kept.name(), kept.creationDate()));
        }
        this.maxPollers = maxPollers;
        this.pollers = new Semaphore(maxPollers);
        this.camelContext = camelContext;
        this.tokens = tokens;
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
        this.poll = poll;
    }

    /** The tags of the activities created (set once, before any request). */
    void tags(ResourceTags tags) {
        this.tags = tags;
    }

    boolean exists(String arn) {
        return byArn.containsKey(arn);
    }

    /** The GetActivityTask polls waiting now. */
    int pollsWaiting() {
        return maxPollers - pollers.availablePermits();
    }

    /** Whether an activity of this name was created (its queue is by name, whatever the ARN's region). */
    boolean existsByName(String name) {
        return byArn.values().stream().anyMatch(activity -> activity.name().equals(name));
    }

    /** Idempotent by name, as on AWS: a repeat answers with the activity created, its tags unchanged. */
    ObjectNode create(JsonNode request) {
        String name = ApiRequests.requiredText(request, "name");
        if (!VALID_NAME.matcher(name).matches()) {
            throw new AslError("InvalidName", "Invalid Name: '" + name + "' (an activity's name here is 1 to 80 "
                    + "letters, digits, '-', '_' or '.': it names the queue its workers take tasks from)");
        }
        String arn = "arn:aws:states:" + region + ":" + accountId + ":activity:" + name;
        Map<String, String> given = ResourceTags.read(request, arn);
        Activity activity;
        synchronized (this) {
            activity = byArn.get(arn);
            if (activity == null) {
                activity = new Activity(arn, name, clock.instant());
                store.putActivity(new StoredActivity(arn, name, activity.creationDate())); // kept before it is seen
                byArn.put(arn, activity);
            }
        }
        tags.created(arn, given);
        ObjectNode out = Json.NODES.objectNode();
        out.put("activityArn", activity.arn());
        out.put("creationDate", ExecutionShapes.date(activity.creationDate()));
        return out;
    }

    ObjectNode describe(JsonNode request) {
        Activity activity = find(request);
        ObjectNode out = Json.NODES.objectNode();
        out.put("activityArn", activity.arn());
        out.put("name", activity.name());
        out.put("creationDate", ExecutionShapes.date(activity.creationDate()));
        return out;
    }

    /** Oldest first, paged as ListStateMachines is. */
    ObjectNode list(JsonNode request) {
        List<Activity> activities = byArn.values().stream()
                .sorted(Comparator.comparing(Activity::creationDate).thenComparing(Activity::name))
                .toList();
        Paging.Page page = Paging.page(request, activities.size());
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("activities");
        for (Activity activity : activities.subList(page.from(), page.to())) {
            items.addObject().put("activityArn", activity.arn()).put("name", activity.name())
                    .put("creationDate", ExecutionShapes.date(activity.creationDate()));
        }
        page.nextToken().ifPresent(token -> out.put("nextToken", token));
        return out;
    }

    /** AWS answers even for an activity that does not exist. Tasks already queued stay for in-app workers. */
    ObjectNode delete(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "activityArn");
        StateMachineRegistry.checkArn(arn, "activity");
        synchronized (this) {
            store.deleteActivity(arn); // first: were it kept after it went, a restart would bring it back
            byArn.remove(arn);
        }
        tags.deleted(arn);
        return Json.NODES.objectNode();
    }

    /**
     * Waits up to the poll time for a task of the activity: its taskToken and input, or {@code {}} when none came
     * (AWS's answer). A task whose Task no longer waits (it timed out, or its execution stopped, while queued) is
     * dropped, not handed out.
     */
    ObjectNode getActivityTask(JsonNode request) throws Exception {
        Activity activity = find(request);
        String workerName = ApiRequests.optionalText(request, "workerName");
        if (workerName != null && (workerName.isEmpty() || workerName.length() > MAX_WORKER_NAME)) {
            throw ApiRequests.validation("workerName", "Member must have length between 1 and " + MAX_WORKER_NAME);
        }
        if (!pollers.tryAcquire()) {
            throw new AslError("ActivityWorkerLimitExceeded", "Activity Worker Limit Exceeded: " + maxPollers
                    + " GetActivityTask polls wait already; poll again later");
        }
        PollingConsumer queue = null;
        try {
            queue = camelContext.get().getEndpoint(ActivityEndpoint.queueUri(activity.name())).createPollingConsumer();
            ServiceHelper.startService(queue);
            long deadline = System.nanoTime() + poll.toNanos();
            for (long left = poll.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                Exchange task = queue.receive(left);
                if (task == null) {
                    break;
                }
                String token = task.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class);
                if (token != null && tokens.started(token, workerName)) {
                    ObjectNode out = Json.NODES.objectNode();
                    out.put("taskToken", token);
                    out.put("input", task.getMessage().getBody(String.class));
                    return out;
                }
            }
            return Json.NODES.objectNode();
        } finally {
            ServiceHelper.stopService(queue);
            pollers.release();
        }
    }

    private Activity find(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "activityArn");
        StateMachineRegistry.checkArn(arn, "activity");
        Activity activity = byArn.get(arn);
        if (activity == null) {
            throw new AslError("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
        }
        return activity;
    }
}
