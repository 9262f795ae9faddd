package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.graph.DefinitionModel.Scope;
import io.github.camelasl.graph.DefinitionModel.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.CenterEdgeLabelPlacementStrategy;
import org.eclipse.elk.alg.layered.options.FixedAlignment;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.math.KVector;
import java.util.EnumSet;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a definition's states out with ELK's layered algorithm (top down, groups laid out with their contents) and
 * writes the graph JSON of the contract, without statuses: coordinates absolute, origin top left.
 */
final class GraphLayout {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int NODE_HEIGHT = 40;
    static final int MAX_LABEL = 40;
    /** Transitions drawn at most (a Choice may have any number of rules): beyond, no one reads the graph. */
    static final int MAX_EDGES = 2_000;
    /** Up to this many states, layers by network simplex (ELK's default: compact); more, by longest path. */
    static final int NETWORK_SIMPLEX_STATES = 150;
    /** Up to this many transitions, ELK minimises crossings thoroughly (its default); more, in one sweep. */
    static final int THOROUGH_EDGES = 300;
    private static final double CHAR_WIDTH = 7.2;

    private final ElkNode root = ElkGraphUtil.createGraph();
    /** ELK's node for each graph node or group, by its id in the JSON, and the reverse. */
    private final Map<String, ElkNode> elkById = new HashMap<>();
    private final List<Item> items = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private int nodeIds;
    private int groupIds;

    /** A node or a group as the JSON will show it. */
    private record Item(String id, boolean group, String kind, String state, String label, String detail,
            String parent, ElkNode elk) {
    }

    private record Link(String kind, String label, ElkEdge elk, String from, String to) {
    }

    private GraphLayout() {
    }

    /** @param time how long ELK may take: a graph it has not laid out by then is refused */
    static ObjectNode layout(DefinitionModel model, Duration time) {
        GraphLayout layout = new GraphLayout();
        layout.build(model);
        return layout.run(time);
    }

    private void build(DefinitionModel model) {
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 30.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        // an edge's label next to the state it leaves (a Choice's rule, a Catch's errors), as AWS's console shows them
        root.setProperty(LayeredOptions.EDGE_LABELS_CENTER_LABEL_PLACEMENT_STRATEGY,
                CenterEdgeLabelPlacementStrategy.TAIL_LAYER);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_BK_FIXED_ALIGNMENT, FixedAlignment.BALANCED);
        if (model.stateCount() > NETWORK_SIMPLEX_STATES) {
            // network simplex layers compactly but recurses once per node and grows fast: longest path is linear
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH);
        }

        String start = node(root, null, "start", "Start", null, "Start", null);
        String end = node(root, null, "end", "End", null, "End", null);
        Map<State, String> ids = new HashMap<>();
        scope(model.root, root, null, ids);
        State first = model.root.startAt() == null ? null : model.root.state(model.root.startAt());
        if (first != null) {
            link(start, ids.get(first), "start", null);
        }
        edges(model.root, ids, end);
    }

    /** Adds the states of a scope, groups with their contents, under {@code parent}. */
    private void scope(Scope scope, ElkNode parent, String parentGroup, Map<State, String> ids) {
        for (State state : scope.states()) {
            if (state.isGroup()) {
                ElkNode group = group(parent, label(state));
                String id = "g" + (++groupIds);
                elkById.put(id, group);
                items.add(new Item(id, true, state.type(), state.name(), label(state), detail(state), parentGroup,
                        group));
                ids.put(state, id);
                if (state.type().equals("Parallel")) {
                    int index = 0;
                    for (Scope branch : state.scopes()) {
                        ElkNode branchNode = group(group, "Branch " + (index + 1));
                        String branchId = "g" + (++groupIds);
                        elkById.put(branchId, branchNode);
                        items.add(new Item(branchId, true, "Branch", null, "Branch " + (++index), null, id,
                                branchNode));
                        scope(branch, branchNode, branchId, ids);
                        edges(branch, ids, null);
                    }
                } else {
                    for (Scope processor : state.scopes()) {
                        scope(processor, group, id, ids);
                        edges(processor, ids, null);
                    }
                }
            } else {
                ids.put(state, node(parent, parentGroup, null, state.type(), state.name(), label(state),
                        detail(state)));
            }
        }
    }

    /** A group at least as wide as its title (ELK sizes it around its contents, at least this minimum). */
    private ElkNode group(ElkNode parent, String title) {
        ElkNode group = ElkGraphUtil.createNode(parent);
        group.setProperty(CoreOptions.PADDING, new ElkPadding(34, 14, 14, 14));
        group.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
        group.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(Math.ceil(title.length() * CHAR_WIDTH) + 28, 60));
        return group;
    }

    private String node(ElkNode parent, String parentGroup, String fixedId, String type, String state, String label,
            String detail) {
        String id = fixedId != null ? fixedId : "n" + (++nodeIds);
        ElkNode node = ElkGraphUtil.createNode(parent);
        node.setDimensions(width(label, type), NODE_HEIGHT);
        elkById.put(id, node);
        items.add(new Item(id, false, type, state, label, detail, parentGroup, node));
        return id;
    }

    private static double width(String label, String type) {
        if (type.equals("Start") || type.equals("End")) {
            return 72;
        }
        return Math.max(110, Math.ceil(label.length() * CHAR_WIDTH) + 36);
    }

    /** The transitions of a scope's states: Next, End (top level only), Choices, Default, Catch. */
    private void edges(Scope scope, Map<State, String> ids, String end) {
        for (State state : scope.states()) {
            String from = ids.get(state);
            JsonNode json = state.json();
            String next = DefinitionModel.textOrNull(json.get("Next"));
            if (next != null) {
                target(scope, ids, next).ifPresent(to -> link(from, to, "next", null));
            }
            boolean terminal = json.path("End").asBoolean(false) || state.type().equals("Succeed")
                    || state.type().equals("Fail");
            if (terminal && end != null) {
                link(from, end, "end", null);
            }
            JsonNode choices = json.get("Choices");
            if (state.type().equals("Choice") && choices != null && choices.isArray()) {
                for (JsonNode rule : choices) {
                    String to = DefinitionModel.textOrNull(rule.get("Next"));
                    if (to != null) {
                        target(scope, ids, to).ifPresent(id -> link(from, id, "choice", RuleText.of(rule)));
                    }
                }
            }
            String fallback = DefinitionModel.textOrNull(json.get("Default"));
            if (state.type().equals("Choice") && fallback != null) {
                target(scope, ids, fallback).ifPresent(id -> link(from, id, "default", "Default"));
            }
            JsonNode catchers = json.get("Catch");
            if (catchers != null && catchers.isArray()) {
                for (JsonNode catcher : catchers) {
                    String to = DefinitionModel.textOrNull(catcher.get("Next"));
                    if (to != null) {
                        target(scope, ids, to).ifPresent(id -> link(from, id, "catch", errors(catcher)));
                    }
                }
            }
        }
    }

    private static java.util.Optional<String> target(Scope scope, Map<State, String> ids, String name) {
        State state = scope.state(name);
        return java.util.Optional.ofNullable(state == null ? null : ids.get(state));
    }

    private static String errors(JsonNode catcher) {
        JsonNode equals = catcher.get("ErrorEquals");
        if (equals == null || !equals.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        equals.forEach(name -> names.add(name.asText()));
        return RuleText.shorten(String.join(", ", names));
    }

    private void link(String from, String to, String kind, String label) {
        if (links.size() >= MAX_EDGES) {
            throw new IllegalArgumentException("the definition has more than " + MAX_EDGES
                    + " transitions: too many to draw");
        }
        ElkEdge edge = ElkGraphUtil.createSimpleEdge(elkById.get(from), elkById.get(to));
        ElkGraphUtil.updateContainment(edge);
        if (label != null) {
            ElkLabel elkLabel = ElkGraphUtil.createLabel(label, edge);
            elkLabel.setDimensions(labelWidth(label), 16);
            elkLabel.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            elkLabel.setProperty(LayeredOptions.EDGE_LABELS_INLINE, true);
        }
        links.add(new Link(kind, label, edge, from, to));
    }

    /** How wide an edge's label is drawn (11 px text). */
    static long labelWidth(String label) {
        return (long) Math.ceil(label.length() * 6.2) + 8;
    }

    private static String label(State state) {
        String name = state.name();
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
    }

    /** What a node shows under its name: a Task's Resource, a Distributed Map's mode. */
    private static String detail(State state) {
        JsonNode json = state.json();
        if (state.type().equals("Task")) {
            return DefinitionModel.textOrNull(json.get("Resource"));
        }
        if (state.type().equals("Map")) {
            String field = json.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
            String mode = json.path(field).path("ProcessorConfig").path("Mode").asText("");
            return mode.equals("DISTRIBUTED") ? "Distributed" : "Inline";
        }
        return null;
    }

    private ObjectNode run(Duration time) {
        if (links.size() > THOROUGH_EDGES) {
            // crossing minimisation is most of the time of a dense graph: one sweep for a big one
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
        }
        Deadline deadline = new Deadline(System.nanoTime() + time.toNanos());
        try {
            new RecursiveGraphLayoutEngine().layout(root, deadline);
        } catch (StackOverflowError e) {
            // some of ELK's steps recurse once per node: a graph that deep is refused, not a thread lost
            throw new IllegalArgumentException("the definition is too deeply connected to draw (" + items.size()
                    + " states and groups, " + links.size() + " transitions)");
        }
        if (deadline.isCanceled()) {
            throw new IllegalArgumentException("the definition is too intricate to draw: its layout (" + items.size()
                    + " states and groups, " + links.size() + " transitions) took longer than " + time.toMillis()
                    + " ms");
        }
        ObjectNode graph = NODES.objectNode();
        graph.put("width", Math.round(root.getWidth()));
        graph.put("height", Math.round(root.getHeight()));
        ArrayNode nodes = graph.putArray("nodes");
        ArrayNode groups = graph.putArray("groups");
        for (Item item : items) {
            ObjectNode json = item.group() ? groups.addObject() : nodes.addObject();
            json.put("id", item.id());
            if (item.group()) {
                json.put("kind", item.kind());
                json.put("state", item.state());
            } else {
                json.put("state", item.state());
                json.put("type", item.kind());
            }
            json.put("label", item.label());
            if (!item.group() || item.detail() != null) {
                json.put("detail", item.detail());
            }
            double[] at = absolute(item.elk());
            json.put("x", Math.round(at[0]));
            json.put("y", Math.round(at[1]));
            json.put("width", Math.round(item.elk().getWidth()));
            json.put("height", Math.round(item.elk().getHeight()));
            json.put("group", item.parent());
        }
        ArrayNode edges = graph.putArray("edges");
        int edgeIds = 0;
        for (Link link : links) {
            ObjectNode json = edges.addObject();
            json.put("id", "e" + (++edgeIds));
            json.put("from", link.from());
            json.put("to", link.to());
            json.put("kind", link.kind());
            json.put("label", link.label());
            double[] origin = absolute(link.elk().getContainingNode());
            ArrayNode points = json.putArray("points");
            for (ElkEdgeSection section : link.elk().getSections()) {
                point(points, origin, section.getStartX(), section.getStartY());
                for (ElkBendPoint bend : section.getBendPoints()) {
                    point(points, origin, bend.getX(), bend.getY());
                }
                point(points, origin, section.getEndX(), section.getEndY());
            }
            if (!link.elk().getLabels().isEmpty()) {
                ElkLabel label = link.elk().getLabels().get(0);
                ArrayNode at = json.putArray("labelPosition");
                at.add(Math.round(origin[0] + label.getX()));
                at.add(Math.round(origin[1] + label.getY()));
            }
        }
        graph.putObject("mapRuns");
        return graph;
    }

    private static void point(ArrayNode points, double[] origin, double x, double y) {
        points.addArray().add(Math.round(origin[0] + x)).add(Math.round(origin[1] + y));
    }

    /** Where an ELK node is in the root's coordinates: ELK's are relative to the parent. */
    private double[] absolute(ElkNode node) {
        double x = 0;
        double y = 0;
        for (ElkNode at = node; at != null && at != root; at = at.getParent()) {
            x += at.getX();
            y += at.getY();
        }
        return new double[] {x, y};
    }

    /**
     * Says "cancelled" once its deadline has passed, and so do its subtasks' monitors: ELK's layered algorithm asks
     * between its steps and stops. The limits on states and transitions still admit definitions (a thousand Choices
     * that all lead everywhere) whose layout takes ELK tens of seconds of CPU; without a deadline each such request
     * would hold a core that long.
     */
    static final class Deadline extends BasicProgressMonitor {
        private final long deadlineNanos;

        Deadline(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public boolean isCanceled() {
            return System.nanoTime() - deadlineNanos >= 0;
        }

        @Override
        protected BasicProgressMonitor doSubTask(float work, int maxHierarchyLevels) {
            return new Deadline(deadlineNanos);
        }
    }
}
