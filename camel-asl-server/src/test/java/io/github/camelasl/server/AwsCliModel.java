package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * AWS's Step Functions service model for the AWS CLI, in a folder given to it as {@code AWS_DATA_PATH}, so that the
 * CLI Debian 12 packages (2.9.19, of 2022) has the actions AWS added since (RedriveExecution, TestState).
 * <p>
 * The model is AWS's own, from the AWS SDK for JavaScript's npm package (the only registry here that carries one),
 * which keeps it minified: members that name no shape carry their shape inline. The CLI wants every member to name a
 * shape, so inline shapes are given names. Operations lose their {@code sync-} host prefix (StartSyncExecution,
 * TestState): a local server has one host, and that CLI cannot be told not to add it (newer ones take
 * {@code AWS_DISABLE_HOST_PREFIX_INJECTION=true}).
 */
final class AwsCliModel {

    static final String AWS_SDK_JS = "aws-sdk@2.1693.0";
    private static final String MINIFIED = "package/apis/states-2016-11-23.min.json";
    private static final String PAGINATORS = "package/apis/states-2016-11-23.paginators.json";

    private AwsCliModel() {
    }

    /** The AWS_DATA_PATH folder, made under {@code target} the first time (npm fetches the package). */
    static Path dataPath(Path target) throws IOException, InterruptedException {
        Path folder = target.resolve("aws-cli-model");
        Path model = folder.resolve("stepfunctions/2016-11-23/service-2.json");
        if (Files.exists(model)) {
            return folder;
        }
        Path download = Files.createDirectories(target.resolve("aws-cli-model-download"));
        run(download, "npm", "pack", AWS_SDK_JS, "--silent");
        String tarball = AWS_SDK_JS.replace("@", "-") + ".tgz";
        run(download, "tar", "xzf", tarball, MINIFIED, PAGINATORS);
        JsonNode minified = Json.parse(Files.readString(download.resolve(MINIFIED)));
        Files.createDirectories(model.getParent());
        Files.writeString(model, Json.write(expand(minified)));
        Files.copy(download.resolve(PAGINATORS), model.resolveSibling("paginators-1.json"));
        return folder;
    }

    /** The minified model with every inline shape named, as the CLI's loader wants it. */
    static ObjectNode expand(JsonNode minified) {
        ObjectNode model = minified.deepCopy();
        ObjectNode shapes = (ObjectNode) model.get("shapes");
        int[] counter = {0};
        for (Map.Entry<String, JsonNode> shape : shapes.properties().stream().toList()) {
            nameInlineShapes((ObjectNode) shape.getValue(), shapes, counter);
        }
        Iterator<Map.Entry<String, JsonNode>> operations = model.get("operations").fields();
        while (operations.hasNext()) {
            Map.Entry<String, JsonNode> entry = operations.next();
            ObjectNode operation = (ObjectNode) entry.getValue();
            operation.put("name", entry.getKey());
            operation.putObject("http").put("method", "POST").put("requestUri", "/");
            operation.remove("endpoint");
            for (String io : new String[] {"input", "output"}) {
                JsonNode shape = operation.get(io);
                if (shape != null && !shape.has("shape")) {
                    String name = entry.getKey() + (io.equals("input") ? "Input" : "Output");
                    shapes.set(name, shape);
                    nameInlineShapes((ObjectNode) shape, shapes, counter);
                    operation.putObject(io).put("shape", name);
                }
            }
        }
        return model;
    }

    private static void nameInlineShapes(ObjectNode shape, ObjectNode shapes, int[] counter) {
        if (!shape.has("type")) {
            shape.put("type", "string"); // the minified model leaves out the commonest type
        }
        JsonNode members = shape.get("members");
        if (members != null) {
            for (Map.Entry<String, JsonNode> member : members.properties()) {
                member.setValue(reference((ObjectNode) member.getValue(), shapes, counter));
            }
        }
        for (String part : new String[] {"member", "key", "value"}) {
            if (shape.get(part) instanceof ObjectNode inner) {
                shape.set(part, reference(inner, shapes, counter));
            }
        }
    }

    private static ObjectNode reference(ObjectNode member, ObjectNode shapes, int[] counter) {
        if (member.has("shape")) {
            return member;
        }
        String name = "Inline" + ++counter[0];
        shapes.set(name, member);
        nameInlineShapes(member, shapes, counter);
        ObjectNode reference = Json.NODES.objectNode();
        reference.put("shape", name);
        return reference;
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
