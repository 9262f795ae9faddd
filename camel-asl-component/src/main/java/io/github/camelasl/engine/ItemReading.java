package io.github.camelasl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.model.MapState;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A Map's ItemReader and ItemBatcher: the items come from a resource instead of the state input. The reader's
 * Resource is called like a Task (an S3 object or listing through the S3 connector, or whatever Camel endpoint
 * the ARN is mapped to); this class builds its requests, turns the replies into items (ReaderConfig: JSON, JSONL
 * or CSV text, or an S3 listing), applies MaxItems and groups the items into ItemBatcher's batches.
 *
 * <p>A reply may be the SDK's getObject result (its {@code Body} is the object's text), the text itself, or, for
 * JSON, the already parsed array; a listObjectsV2 reply's {@code Contents} are the items, page after page.
 */
public final class ItemReading {

    /** The Resource that lists a bucket: its items are the objects, not an object's content. */
    private static final String LIST_OBJECTS = "s3:listObjectsV2";

    /** AWS's ceiling on a batch, and the default when ItemBatcher names no byte limit. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private ItemReading() {
    }

    /** ReaderConfig.Transformation that reads every listed object's items rather than the listing's. */
    static final String LOAD_AND_FLATTEN = "LOAD_AND_FLATTEN";

    /** The reader's Resource (validated at deployment). */
    public static String resource(MapState state) {
        return state.itemReader().path("Resource").asText();
    }

    /**
     * With {@code Transformation: LOAD_AND_FLATTEN}, the Resource that reads each object the listing lists: the
     * listing's {@code s3:getObject} (same partition and region); null otherwise.
     */
    public static String objectResource(MapState state) {
        return objectResource(state.itemReader());
    }

    /** As {@link #objectResource(MapState)}, for the ItemReader object of a definition. */
    public static String objectResource(JsonNode reader) {
        String resource = reader.path("Resource").asText("");
        if (!LOAD_AND_FLATTEN.equals(reader.path("ReaderConfig").path("Transformation").asText(""))
                || !resource.endsWith(LIST_OBJECTS)) {
            return null;
        }
        return resource.substring(0, resource.length() - LIST_OBJECTS.length()) + "s3:getObject";
    }

    /**
     * Enters the Map and evaluates the reader's Parameters (or JSONata Arguments) and MaxItems: the reads of
     * this visit, whose first request is {@link Reads#request()}.
     */
    public static Reads start(Scope scope) {
        Transitions.enter(scope);
        MapState state = (MapState) scope.current();
        JsonNode effective = MapStep.effectiveInput(scope);
        JsonNode reader = state.itemReader();
        JsonNode request;
        if (JsonataStates.applies(state)) {
            JsonNode arguments = reader.get("Arguments");
            request = arguments == null ? Json.NODES.objectNode()
                    : JsonataStates.template(scope, arguments, JsonataStates.states(scope), "Arguments");
        } else {
            JsonNode parameters = reader.get("Parameters");
            request = parameters == null ? Json.NODES.objectNode()
                    : PayloadTemplate.evaluate(parameters, effective, scope.bindings());
        }
        JsonNode config = reader.path("ReaderConfig");
        String resource = resource(state);
        boolean listing = resource.endsWith(LIST_OBJECTS);
        boolean loading = objectResource(state) != null;
        String inputType = config.path("InputType").asText(listing && !loading ? "" : "JSON");
        // the reader's failures are a call's, named by its endpoint as a Task's are, so Retry and Catch see them
        scope.phase(Scope.Phase.TASK_CALL);
        return new Reads(request, listing, loading, inputType, config, maxItems(scope, config, effective),
                scope.execution().config().limits().maxPayloadSize());
    }

    /** MaxItems or MaxItemsPath: 0 (also when absent) reads every item. */
    private static int maxItems(Scope scope, JsonNode config, JsonNode effective) {
        JsonNode value = fieldValue(scope, config, "MaxItems", effective);
        if (value == null) {
            return 0;
        }
        Long number = wholeNumber(scope, config, "MaxItems", value);
        if (number == null) {
            throw new AslError(ErrorNames.ITEM_READER_FAILED, "field MaxItems must be an integer, but was: "
                    + Json.write(value));
        }
        if (number < 0) {
            throw new AslError(ErrorNames.ITEM_READER_FAILED, "field MaxItems must be positive");
        }
        return (int) Math.min(number, Integer.MAX_VALUE);
    }

    /**
     * The reads of one Map visit: the next request and the items so far. What it keeps (the items as JSON text, and a
     * listing's continuation tokens) may take at most maxPayloadSize bytes in all: a reply can expand (a CSV row
     * shorter than its header gets every missing field as "") and a listing can go on page after page, so each
     * reply's own cap does not bound them. Past it the Map fails with States.DataLimitExceeded.
     */
    public static final class Reads {

        private final JsonNode firstRequest;
        private final boolean listing;
        /** LOAD_AND_FLATTEN: the listing's objects are read in turn, their items are the Map's. */
        private final boolean loading;
        /** The objects the listing gave that are still to be read (LOAD_AND_FLATTEN). */
        private final java.util.ArrayDeque<String> toLoad = new java.util.ArrayDeque<>();
        /** Whether the current request reads an object of the listing, not a page of it. */
        private boolean readingObject;
        private final String inputType;
        private final JsonNode config;
        private final int maxItems;
        private final int maxBytes;
        private final List<JsonNode> items = new ArrayList<>();
        /** A listing's continuation tokens so far: one that comes again would loop for ever. */
        private final java.util.Set<String> tokens = new java.util.HashSet<>();
        private long bytes;
        private JsonNode request;

        Reads(JsonNode request, boolean listing, boolean loading, String inputType, JsonNode config, int maxItems,
                int maxBytes) {
            this.firstRequest = request;
            this.request = request;
            this.listing = listing;
            this.loading = loading;
            this.inputType = inputType;
            this.config = config;
            this.maxItems = maxItems;
            this.maxBytes = maxBytes;
        }

        /** Counts {@code more} bytes of what the reads keep: States.DataLimitExceeded past maxPayloadSize. */
        private void count(long more) {
            bytes += more;
            if (bytes > maxBytes) {
                throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The ItemReader read more than " + maxBytes
                        + " bytes of items (as JSON text, UTF-8" + (listing ? ", with the listing's continuation "
                        + "tokens" : "") + ") after " + items.size() + " items; maxPayloadSize is " + maxBytes);
            }
        }

        /** The request of the next read; null when everything is read. */
        public JsonNode request() {
            return request;
        }

        /** Whether the current request reads one of the listed objects (LOAD_AND_FLATTEN): the getObject Resource. */
        public boolean readingObject() {
            return readingObject;
        }

        /** Takes one reply: its items, and the next page's request when a listing goes on. */
        public void add(Scope scope, JsonNode reply) {
            scope.phase(Scope.Phase.DATAFLOW);
            request = null;
            if (readingObject) {
                int before = items.size();
                items(reply);
                for (int i = before; i < items.size(); i++) {
                    count(utf8Length(Json.write(items.get(i))) + 1L); // many objects: their sum is bounded here
                }
                nextObject(scope);
                return;
            }
            if (listing) {
                reply.path("Contents").forEach(object -> {
                    if (loading) {
                        String key = object.path("Key").asText("");
                        if (!key.isEmpty() && !key.endsWith("/")) { // a "folder" marker holds no items
                            count(utf8Length(key));
                            toLoad.add(key);
                        }
                        return;
                    }
                    JsonNode item = listedObject(object);
                    count(utf8Length(Json.write(item)) + 1L);
                    items.add(item);
                });
                String next = reply.path("NextContinuationToken").asText(null);
                if (reply.path("IsTruncated").asBoolean(false) && next != null && !full()) {
                    if (!tokens.add(next)) {
                        throw new AslError(ErrorNames.ITEM_READER_FAILED, "The listing gave NextContinuationToken '"
                                + abbreviated(next) + "' a second time (after " + (tokens.size() + 1) + " pages): "
                                + "it would never end");
                    }
                    count(utf8Length(next));
                    ObjectNode nextPage = ((ObjectNode) firstRequest).deepCopy();
                    nextPage.put("ContinuationToken", next);
                    request = nextPage;
                    scope.phase(Scope.Phase.TASK_CALL);
                } else if (loading) {
                    nextObject(scope);
                }
                return;
            }
            items(reply);
        }

        /** LOAD_AND_FLATTEN: the request that reads the next listed object, until all are read or MaxItems is. */
        private void nextObject(Scope scope) {
            readingObject = false;
            if (toLoad.isEmpty() || full()) {
                return;
            }
            ObjectNode read = Json.NODES.objectNode();
            read.set("Bucket", firstRequest.path("Bucket"));
            read.put("Key", toLoad.poll());
            request = read;
            readingObject = true;
            scope.phase(Scope.Phase.TASK_CALL);
        }

        /** The items of one object's content, as InputType reads it. */
        private void items(JsonNode reply) {
            switch (inputType) {
                case "JSON" -> json(reply);
                case "JSONL" -> jsonLines(content(reply));
                case "CSV" -> csv(content(reply));
                default -> throw new AslError(ErrorNames.ITEM_READER_FAILED, "InputType '" + inputType
                        + "' is not supported");
            }
        }

        private boolean full() {
            return maxItems > 0 && items.size() >= maxItems;
        }

        /** The items read, at most MaxItems of them. */
        public List<JsonNode> items() {
            return full() ? items.subList(0, maxItems) : items;
        }

        private void json(JsonNode reply) {
            JsonNode parsed = reply;
            if (reply.isTextual() || reply.has("Body")) { // the object's text, or the SDK's result holding it
                String text = content(reply);
                try {
                    parsed = Json.parse(text);
                } catch (JsonProcessingException e) {
                    throw new AslError(ErrorNames.ITEM_READER_FAILED, "The object is not JSON: "
                            + e.getOriginalMessage());
                }
            }
            String pointer = config.path("ItemsPointer").asText(null);
            if (pointer != null) {
                // ReaderConfig.ItemsPointer: a JSON Pointer (RFC 6901) to the array inside the document ("ItemReader
                // (Map)"); validation checked its syntax
                JsonNode pointed = parsed.at(com.fasterxml.jackson.core.JsonPointer.compile(pointer));
                if (pointed.isMissingNode()) {
                    throw new AslError(ErrorNames.ITEM_READER_FAILED, "ItemsPointer '" + pointer + "' points at "
                            + "nothing in the JSON document");
                }
                parsed = pointed;
            }
            // a JSON object is not read as items, with an ItemsPointer or without: the recording of
            // test_map_item_reader_json_no_json_list_object (2023) fails it so, and the docs we could read do not say
            // otherwise
            if (!parsed.isArray()) {
                throw new AslError(ErrorNames.ITEM_READER_FAILED, "Attempting to map over non-iterable node.");
            }
            parsed.forEach(items::add);
        }

        private void jsonLines(String text) {
            int line = 0;
            for (String row : text.split("\r?\n")) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                try {
                    items.add(Json.parse(row));
                } catch (JsonProcessingException e) {
                    throw new AslError(ErrorNames.ITEM_READER_FAILED, "Line " + line + " is not JSON: "
                            + e.getOriginalMessage());
                }
            }
        }

        /**
         * A row becomes an object of text fields named by the headers; missing fields are "", extra ones dropped.
         * Each row is counted before it is built: its fields' names and values, quoted (escapes not counted).
         */
        private void csv(String text) {
            boolean firstRow = !"GIVEN".equals(config.path("CSVHeaderLocation").asText("FIRST_ROW"));
            List<String> headers = new ArrayList<>();
            if (!firstRow) {
                config.path("CSVHeaders").forEach(h -> headers.add(h.asText()));
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter()).get();
            try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
                long rowBytes = -1; // {"name":"",...} with every value empty, and the comma before the row
                for (CSVRecord record : parser) {
                    if (firstRow && headers.isEmpty()) {
                        record.forEach(headers::add);
                        continue;
                    }
                    if (rowBytes < 0) {
                        rowBytes = 2 + headers.stream().mapToLong(h -> utf8Length(h) + 6L).sum();
                    }
                    long valueBytes = 0;
                    for (int i = 0; i < Math.min(headers.size(), record.size()); i++) {
                        valueBytes += utf8Length(record.get(i));
                    }
                    count(rowBytes + valueBytes);
                    ObjectNode row = Json.NODES.objectNode();
                    for (int i = 0; i < headers.size(); i++) {
                        row.put(headers.get(i), i < record.size() ? record.get(i) : "");
                    }
                    items.add(row);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new AslError(ErrorNames.ITEM_READER_FAILED, "The object is not valid CSV: " + e.getMessage());
            }
        }

        private char delimiter() {
            String name = config.path("CSVDelimiter").asText("COMMA");
            return switch (name) {
                case "COMMA" -> ',';
                case "PIPE" -> '|';
                case "SEMICOLON" -> ';';
                case "SPACE" -> ' ';
                case "TAB" -> '\t';
                default -> throw new AslError(ErrorNames.ITEM_READER_FAILED, "CSVDelimiter '" + name
                        + "' is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB");
            };
        }
    }

    /** The object's text: the SDK result's Body, or a reply that is the text itself. */
    private static String content(JsonNode reply) {
        if (reply.isTextual()) {
            return reply.textValue();
        }
        JsonNode body = reply.get("Body");
        if (body != null && body.isTextual()) {
            return body.textValue();
        }
        if (body != null) {
            return Json.write(body);
        }
        throw new AslError(ErrorNames.ITEM_READER_FAILED, "The reader's reply holds no object content (a Body, or "
                + "the text itself): " + abbreviated(Json.write(reply)));
    }

    /** A listed object as AWS gives it to the iterations: Etag, Key, LastModified (epoch seconds), Size, StorageClass. */
    private static JsonNode listedObject(JsonNode object) {
        ObjectNode item = Json.NODES.objectNode();
        item.set("Etag", object.path("ETag"));
        item.set("Key", object.path("Key"));
        JsonNode modified = object.path("LastModified");
        if (modified.isTextual()) {
            try {
                item.put("LastModified", Instant.parse(modified.textValue()).getEpochSecond());
            } catch (java.time.format.DateTimeParseException e) {
                item.set("LastModified", modified);
            }
        } else {
            item.set("LastModified", modified);
        }
        item.set("Size", object.path("Size"));
        item.set("StorageClass", object.path("StorageClass"));
        return item;
    }

    /**
     * ItemBatcher: the items in batches of at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes, each
     * {@code {"BatchInput": ..., "Items": [...]}} (BatchInput only when given). ItemSelector has shaped each item
     * already; {@code items} unchanged without an ItemBatcher.
     */
    static List<JsonNode> batches(Scope scope, MapState state, JsonNode effective, List<JsonNode> items) {
        JsonNode batcher = state.itemBatcher();
        if (batcher == null) {
            return items;
        }
        int maxItems = limit(scope, batcher, effective, "MaxItemsPerBatch", Integer.MAX_VALUE);
        int maxBytes = limit(scope, batcher, effective, "MaxInputBytesPerBatch", MAX_BATCH_BYTES);
        JsonNode batchInput = batchInput(scope, batcher, effective);
        int baseBytes = utf8Length(batchInput == null ? "{\"Items\":[]}"
                : "{\"BatchInput\":" + Json.write(batchInput) + ",\"Items\":[]}");
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode batch = null;
        int bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int size = utf8Length(Json.write(item)) + 1; // its comma
            if (baseBytes + size > maxBytes) {
                throw AslError.runtime("Item " + i + " is " + size + " bytes: a batch of it alone exceeds "
                        + "MaxInputBytesPerBatch (" + maxBytes + ")");
            }
            if (batch == null || batch.size() >= maxItems || bytes + size > maxBytes) {
                ObjectNode next = Json.NODES.objectNode();
                if (batchInput != null) {
                    next.set("BatchInput", batchInput);
                }
                batch = next.putArray("Items");
                bytes = baseBytes;
                batches.add(next);
            }
            batch.add(item);
            bytes += size;
        }
        return batches;
    }

    private static int limit(Scope scope, JsonNode batcher, JsonNode effective, String field, int absent) {
        JsonNode value = fieldValue(scope, batcher, field, effective);
        if (value == null) {
            return absent;
        }
        Long number = wholeNumber(scope, batcher, field, value);
        if (number == null || number <= 0) {
            throw AslError.runtime("The " + field + " field must be a positive integer, but was: "
                    + Json.write(value));
        }
        return (int) Math.min(number, absent);
    }

    /**
     * A value read through {@code field}Path may be numeric text; a literal or a JSONata result must be a number, and
     * a JSONata result that is not is named as the Map's other JSONata limits name it.
     */
    private static Long wholeNumber(Scope scope, JsonNode owner, String field, JsonNode value) {
        if (owner.has(field + "Path")) {
            return NumberFields.wholeNumber(value);
        }
        Long number = NumberFields.jsonataWholeNumber(value);
        JsonNode written = owner.get(field);
        if (number == null && written.isTextual() && JsonataStates.applies(scope.current())) {
            throw MapStep.unexpectedResult(written, field, value, "an integer");
        }
        return number;
    }

    /**
     * The value of {@code owner}'s {@code field} (a literal, or a JSONata expression) or of what its
     * {@code field}Path selects in the effective input; null when neither is given.
     */
    private static JsonNode fieldValue(Scope scope, JsonNode owner, String field, JsonNode effective) {
        String path = owner.path(field + "Path").asText(null);
        if (path != null) {
            return InputOutput.readField(field + "Path", path, effective, scope.bindings());
        }
        JsonNode value = owner.get(field);
        if (value != null && JsonataStates.applies(scope.current())) {
            return JsonataStates.value(scope, value, JsonataStates.states(scope), field);
        }
        return value;
    }

    private static JsonNode batchInput(Scope scope, JsonNode batcher, JsonNode effective) {
        JsonNode template = batcher.get("BatchInput");
        if (template == null) {
            return null;
        }
        if (JsonataStates.applies(scope.current())) {
            return JsonataStates.template(scope, template, JsonataStates.states(scope), "BatchInput");
        }
        Bindings bindings = scope.bindings();
        return PayloadTemplate.evaluate(template, effective, bindings);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
