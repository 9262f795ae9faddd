package io.github.camelasl.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AWS's job services as far as a {@code .sync} Task sees them, on a free loopback port: the start, describe and
 * stop calls of Glue job runs, Athena queries, ECS tasks and EMR steps (AWS JSON 1.1, routed on
 * {@code X-Amz-Target}) and Batch jobs (REST-JSON, {@code POST /v1/submitjob}, ...), each with the service's own
 * member names and status values. Each job started walks through the statuses scripted for its service, one per
 * describe call, then stays on the last; a stop call moves it to the service's stopped status. Every request is
 * recorded, and a test can have the next calls of an operation answered with an error (throttling, a missing
 * entity).
 *
 * <pre>{@code
 * try (JobLifecycleStandIn jobs = new JobLifecycleStandIn()) {
 *     jobs.script("glue", "RUNNING", "SUCCEEDED"); // the next Glue job run started
 *     // point the GlueClient at jobs.endpoint(), run the machine, then
 *     jobs.requests("glue", "BatchStopJobRun");
 * }
 * }</pre>
 *
 * Scripts use each service's status words, except ECS, whose task ends STOPPED: there "SUCCEEDED" and "FAILED" are
 * a task STOPPED with container exit code 0 or 1.
 */
public final class JobLifecycleStandIn implements AutoCloseable {

    /**
     * A request as received: the service ("glue", "batch", ...), the operation, the JSON body and its SigV4
     * Authorization header.
     */
    public record Request(String service, String operation, JsonNode body, String authorization) {
    }

    private record Failure(int status, String type, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TARGET_PREFIXES = Map.of(
            "AWSGlue", "glue", "AmazonAthena", "athena", "AmazonEC2ContainerServiceV20141113", "ecs",
            "ElasticMapReduce", "emr", "SageMaker", "sagemaker", "CodeBuild_20161006", "codebuild");
    private static final Map<String, String> BATCH_PATHS = Map.of(
            "/v1/submitjob", "SubmitJob", "/v1/describejobs", "DescribeJobs", "/v1/terminatejob", "TerminateJob");
    /** The status a stop call leaves a job in, per service. */
    private static final Map<String, String> STOPPED = Map.of(
            "glue", "STOPPED", "athena", "CANCELLED", "batch", "FAILED", "ecs", "STOPPED", "emr", "CANCELLED",
            "sagemaker", "Stopped", "codebuild", "STOPPED");
    /** SageMaker's and CodeBuild's words for the scripts' RUNNING, SUCCEEDED and FAILED. */
    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "sagemaker", Map.of("RUNNING", "InProgress", "SUCCEEDED", "Completed", "FAILED", "Failed"),
            "codebuild", Map.of("RUNNING", "IN_PROGRESS"),
            "eks", Map.of("RUNNING", "CREATING", "SUCCEEDED", "ACTIVE", "FAILED", "FAILED"));

    private final HttpServer server;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Deque<List<String>>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();

    /** A job: its service, its id, the statuses still to come (the last stays) and its start request. */
    private static final class Job {
        final String service;
        final String id;
        final Deque<String> statuses;
        final JsonNode request;
        volatile boolean stopped;

        Job(String service, String id, List<String> statuses, JsonNode request) {
            this.service = service;
            this.id = id;
            this.statuses = new ArrayDeque<>(statuses);
            this.request = request;
        }

        synchronized String status() {
            return statuses.size() > 1 ? statuses.poll() : statuses.peek();
        }

        synchronized void stop(String status) {
            stopped = true;
            statuses.clear();
            statuses.add(status);
        }
    }

    public JobLifecycleStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The statuses the next job started on {@code service} ("glue", "athena", "batch", "ecs", "emr") goes through,
     * one per describe call; jobs with no script of their own go RUNNING, then succeed.
     */
    public JobLifecycleStandIn script(String service, String... statuses) {
        scripts.computeIfAbsent(service, s -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(List.of(statuses));
        return this;
    }

    /** The next {@code times} calls of {@code operation} ("GetJobRun", "SubmitJob", ...) answer this error. */
    public JobLifecycleStandIn fail(String operation, int times, int status, String type, String message) {
        Deque<Failure> queue = failures.computeIfAbsent(operation, o -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(status, type, message));
        }
        return this;
    }

    /** The next {@code times} calls of {@code operation} are throttled, as AWS throttles them. */
    public JobLifecycleStandIn throttle(String operation, int times) {
        return fail(operation, times, 400, "ThrottlingException", "Rate exceeded");
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one operation of one service. */
    public List<Request> requests(String service, String operation) {
        return requests.stream().filter(r -> r.service().equals(service) && r.operation().equals(operation))
                .toList();
    }

    /** How many jobs were started, on every service. */
    public int started() {
        return jobs.size();
    }

    /** Moves the job {@code id} to {@code status} for its next describe calls (a test ends a long job so). */
    public void set(String id, String status) {
        Job job = jobs.get(id);
        synchronized (job) {
            job.statuses.clear();
            job.statuses.add(status);
        }
    }

    /** Whether a stop call reached the job {@code id}. */
    public boolean stopped(String id) {
        Job job = jobs.get(id);
        return job != null && job.stopped;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String service;
            String operation;
            if (target != null && target.contains(".")) {
                service = TARGET_PREFIXES.get(target.substring(0, target.indexOf('.')));
                operation = target.substring(target.indexOf('.') + 1);
            } else if (exchange.getRequestURI().getPath().startsWith("/clusters")) {
                service = "eks";
                operation = eksOperation(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            } else {
                service = "batch";
                operation = BATCH_PATHS.get(exchange.getRequestURI().getPath().toLowerCase(Locale.ROOT));
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (body == null || body.isMissingNode()) {
                body = JSON.createObjectNode();
            }
            if ("eks".equals(service) && operation != null) {
                body = eksBody((ObjectNode) body, exchange.getRequestURI().getPath());
            }
            if (service == null || operation == null) {
                send(exchange, 404, error("UnknownOperationException", "no such operation: " + target + " "
                        + exchange.getRequestURI()), null);
                return;
            }
            requests.add(new Request(service, operation, body,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            Deque<Failure> queued = failures.get(operation);
            Failure failure = queued == null ? null : queued.poll();
            if (failure != null) {
                send(exchange, failure.status(), error(failure.type(), failure.message()), failure.type());
                return;
            }
            JsonNode answer = answer(service, operation, body);
            if (answer == null && "eks".equals(service)) {
                send(exchange, 404, error("ResourceNotFoundException", "No resource found"), "ResourceNotFoundException");
                return;
            }
            if (answer == null) {
                send(exchange, 400, error(service.equals("glue") ? "EntityNotFoundException"
                        : service.equals("batch") ? "ClientException" : "InvalidRequestException",
                        "the job named by the request is not known"), null);
                return;
            }
            send(exchange, 200, answer, null);
        }
    }

    private JsonNode answer(String service, String operation, JsonNode body) {
        return switch (service + ":" + operation) {
            case "glue:StartJobRun" -> object("JobRunId", start("glue", "jr_", body).id);
            case "glue:GetJobRun" -> describe(body.path("RunId").asText(), job -> {
                ObjectNode run = object("Id", job.id, "JobName", job.request.path("JobName").asText());
                String state = job.status();
                run.put("JobRunState", state);
                if ("FAILED".equals(state)) {
                    run.put("ErrorMessage", "scripted failure");
                }
                return JSON.createObjectNode().set("JobRun", run);
            });
            case "glue:BatchStopJobRun" -> stop(body.path("JobRunIds").path(0).asText(),
                    job -> JSON.createObjectNode().set("SuccessfulSubmissions", JSON.createArrayNode()
                            .add(object("JobName", job.request.path("JobName").asText(), "JobRunId", job.id))));
            case "athena:StartQueryExecution" -> object("QueryExecutionId", start("athena", "q-", body).id);
            case "athena:GetQueryExecution" -> describe(body.path("QueryExecutionId").asText(), job -> {
                ObjectNode execution = object("QueryExecutionId", job.id, "Query",
                        job.request.path("QueryString").asText());
                execution.set("Status", object("State", job.status()));
                return JSON.createObjectNode().set("QueryExecution", execution);
            });
            case "athena:StopQueryExecution" -> stop(body.path("QueryExecutionId").asText(),
                    job -> JSON.createObjectNode());
            case "batch:SubmitJob" -> {
                Job job = start("batch", "job-", body);
                yield object("jobArn", "arn:aws:batch:us-east-1:123456789012:job/" + job.id, "jobName",
                        body.path("jobName").asText(), "jobId", job.id);
            }
            case "batch:DescribeJobs" -> describe(body.path("jobs").path(0).asText(), job -> {
                ObjectNode described = object("jobId", job.id, "jobName", job.request.path("jobName").asText(),
                        "status", job.status());
                return JSON.createObjectNode().set("jobs", JSON.createArrayNode().add(described));
            });
            case "batch:TerminateJob" -> stop(body.path("jobId").asText(), job -> JSON.createObjectNode());
            case "ecs:RunTask" -> {
                Job job = start("ecs", "arn:aws:ecs:us-east-1:123456789012:task/c1/", body);
                ObjectNode task = ecsTask(job, "PROVISIONING");
                ObjectNode answer = JSON.createObjectNode();
                answer.set("tasks", JSON.createArrayNode().add(task));
                answer.set("failures", JSON.createArrayNode());
                yield answer;
            }
            case "ecs:DescribeTasks" -> describe(body.path("tasks").path(0).asText(), job -> {
                ObjectNode answer = JSON.createObjectNode();
                answer.set("tasks", JSON.createArrayNode().add(ecsTask(job, job.status())));
                return answer;
            });
            case "ecs:StopTask" -> stop(body.path("task").asText(), job -> JSON.createObjectNode()
                    .set("task", ecsTask(job, "STOPPED")));
            case "emr:AddJobFlowSteps" -> {
                Job job = start("emr", "s-", body);
                yield JSON.createObjectNode().set("StepIds", JSON.createArrayNode().add(job.id));
            }
            case "emr:DescribeStep" -> describe(body.path("StepId").asText(), job -> {
                String state = job.status();
                ObjectNode step = object("Id", job.id, "Name", job.request.path("Steps").path(0).path("Name")
                        .asText());
                step.set("Status", object("State", "SUCCEEDED".equals(state) ? "COMPLETED" : state));
                return JSON.createObjectNode().set("Step", step);
            });
            case "emr:CancelSteps" -> stop(body.path("StepIds").path(0).asText(), job -> JSON.createObjectNode()
                    .set("CancelStepsInfoList", JSON.createArrayNode().add(object("StepId", job.id, "Status",
                            "SUBMITTED"))));
            case "sagemaker:CreateTrainingJob" -> object("TrainingJobArn",
                    "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + startNamed("sagemaker",
                            body.path("TrainingJobName").asText(), body).id);
            case "sagemaker:DescribeTrainingJob" -> describe(body.path("TrainingJobName").asText(), job -> {
                String status = word(job, job.status());
                ObjectNode described = object("TrainingJobName", job.id, "TrainingJobArn",
                        "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + job.id, "TrainingJobStatus", status,
                        "SecondaryStatus", status);
                if ("Failed".equals(status)) {
                    described.put("FailureReason", "scripted failure");
                }
                return described;
            });
            case "sagemaker:StopTrainingJob" -> stop(body.path("TrainingJobName").asText(),
                    job -> JSON.createObjectNode());
            case "codebuild:StartBuild" -> {
                Job job = start("codebuild", body.path("projectName").asText() + ":", body);
                yield JSON.createObjectNode().set("build", build(job, "IN_PROGRESS"));
            }
            case "codebuild:BatchGetBuilds" -> describe(body.path("ids").path(0).asText(), job -> {
                ObjectNode answer = JSON.createObjectNode();
                answer.set("builds", JSON.createArrayNode().add(build(job, word(job, job.status()))));
                return answer;
            });
            case "codebuild:StopBuild" -> stop(body.path("id").asText(), job -> JSON.createObjectNode()
                    .set("build", build(job, "STOPPED")));
            case "eks:CreateCluster", "eks:CreateNodegroup", "eks:CreateFargateProfile" -> {
                String kind = operation.substring("Create".length());
                Job job = startNamed("eks", eksId(kind, body), body);
                yield eksResource(kind, job, "CREATING");
            }
            case "eks:DescribeCluster", "eks:DescribeNodegroup", "eks:DescribeFargateProfile" -> {
                String kind = operation.substring("Describe".length());
                Job job = jobs.get(eksId(kind, body));
                if (job == null) {
                    yield null;
                }
                String status = word(job, job.status());
                yield "GONE".equals(status) ? null : eksResource(kind, job, status);
            }
            case "eks:DeleteCluster", "eks:DeleteNodegroup", "eks:DeleteFargateProfile" -> {
                String kind = operation.substring("Delete".length());
                Job job = jobs.get(eksId(kind, body));
                if (job == null) {
                    yield null;
                }
                Deque<List<String>> queue = scripts.get("eks");
                List<String> script = queue == null ? null : queue.poll();
                synchronized (job) {
                    job.statuses.clear();
                    job.statuses.addAll(script == null ? List.of("DELETING", "GONE") : script);
                }
                yield eksResource(kind, job, "DELETING");
            }
            default -> error("UnknownOperationException", "the stand-in does not answer " + operation);
        };
    }

    private Job start(String service, String idPrefix, JsonNode request) {
        return startNamed(service, idPrefix + sequence.incrementAndGet(), request);
    }

    /** A job whose id is its name (SageMaker's). */
    private Job startNamed(String service, String id, JsonNode request) {
        Deque<List<String>> queue = scripts.get(service);
        List<String> script = queue == null ? null : queue.poll();
        Job job = new Job(service, id, script == null ? List.of("RUNNING", "SUCCEEDED") : script, request);
        jobs.put(job.id, job);
        return job;
    }

    private JsonNode describe(String id, java.util.function.Function<Job, JsonNode> answer) {
        Job job = jobs.get(id);
        return job == null ? null : answer.apply(job);
    }

    private JsonNode stop(String id, java.util.function.Function<Job, JsonNode> answer) {
        Job job = jobs.get(id);
        if (job == null) {
            return null;
        }
        job.stop(STOPPED.get(job.service));
        return answer.apply(job);
    }

    /** EKS's REST operations: POST, GET and DELETE on /clusters[/NAME[/node-groups|fargate-profiles[/NAME]]]. */
    private static String eksOperation(String method, String path) {
        String[] parts = path.substring(1).split("/");
        String kind = parts.length <= 2 ? "Cluster" : "node-groups".equals(parts[2]) ? "Nodegroup"
                : "fargate-profiles".equals(parts[2]) ? "FargateProfile" : null;
        if (kind == null) {
            return null;
        }
        boolean collection = parts.length == 1 || parts.length == 3;
        return switch (method) {
            case "POST" -> collection ? "Create" + kind : null;
            case "GET" -> collection ? null : "Describe" + kind;
            case "DELETE" -> collection ? null : "Delete" + kind;
            default -> null;
        };
    }

    /** The names the path carries, put in the body under the model's member names. */
    private static JsonNode eksBody(ObjectNode body, String path) {
        String[] parts = path.substring(1).split("/");
        if (parts.length >= 2) {
            body.put(parts.length == 2 ? "name" : "clusterName", parts[1]);
        }
        if (parts.length == 4) {
            body.put("node-groups".equals(parts[2]) ? "nodegroupName" : "fargateProfileName", parts[3]);
        }
        return body;
    }

    private static String eksId(String kind, JsonNode body) {
        return switch (kind) {
            case "Cluster" -> "cluster/" + body.path("name").asText();
            case "Nodegroup" -> "nodegroup/" + body.path("clusterName").asText() + "/"
                    + body.path("nodegroupName").asText();
            default -> "fargateprofile/" + body.path("clusterName").asText() + "/"
                    + body.path("fargateProfileName").asText();
        };
    }

    /** {@code {cluster: {name, status}}}, {@code {nodegroup: {clusterName, nodegroupName, status}}}, ... */
    private static JsonNode eksResource(String kind, Job job, String status) {
        ObjectNode resource = JSON.createObjectNode();
        String[] id = job.id.split("/");
        if ("Cluster".equals(kind)) {
            resource.put("name", id[1]);
        } else {
            resource.put("clusterName", id[1]);
            resource.put("Nodegroup".equals(kind) ? "nodegroupName" : "fargateProfileName", id[2]);
        }
        resource.put("status", status);
        String member = Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
        return JSON.createObjectNode().set(member, resource);
    }

    /** The service's word for a script's status. */
    private static String word(Job job, String status) {
        return WORDS.getOrDefault(job.service, Map.of()).getOrDefault(status, status);
    }

    /** A CodeBuild build in lower-camel members. */
    private static ObjectNode build(Job job, String status) {
        return object("id", job.id, "arn", "arn:aws:codebuild:us-east-1:123456789012:build/" + job.id,
                "projectName", job.request.path("projectName").asText(), "buildStatus", status);
    }

    /** An ECS task in lower-camel members: SUCCEEDED and FAILED are STOPPED with exit code 0 or 1. */
    private static ObjectNode ecsTask(Job job, String status) {
        String lastStatus = "SUCCEEDED".equals(status) || "FAILED".equals(status) ? "STOPPED" : status;
        ObjectNode task = object("taskArn", job.id, "clusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/"
                + job.request.path("cluster").asText("default"), "lastStatus", lastStatus);
        ObjectNode container = object("name", "app", "lastStatus", lastStatus);
        if ("SUCCEEDED".equals(status)) {
            container.put("exitCode", 0);
        } else if ("FAILED".equals(status)) {
            container.put("exitCode", 1);
            task.put("stoppedReason", "Essential container in task exited");
        } else if (job.stopped) {
            task.put("stoppedReason", "stopped by a StopTask call");
        }
        ArrayNode containers = task.putArray("containers");
        containers.add(container);
        return task;
    }

    private static ObjectNode object(String... namesAndValues) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static ObjectNode error(String type, String message) {
        return object("__type", type, "message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, String errorType) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + System.nanoTime());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
