package io.github.camelasl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * W2's memory flatness: used heap after GC as Choice-loop executions (1,000 iterations each) accumulate, in a
 * fresh JVM. The in-memory store keeps finished executions with their history up to its bounds, so the heap may
 * grow until the store is full; growth that goes on after that is a leak. Run by the suite with W2; not JMH.
 */
public final class W2HeapFlatness {

    static final int WARM_UP = 20;
    static final int ROUNDS = 4;
    static final int PER_ROUND = 50;

    /** Heap after GC after 0, 50, 100, ... measured executions; the store's size at each point. */
    record Figures(int transitions, int eventsWritten, int eventsStored, List<Integer> executions, List<Long> heap,
            List<Integer> stored) {

        /** Bytes still reachable per execution over the first round: the store filling up. */
        double firstRoundBytesPerExecution() {
            return (heap.get(1) - heap.get(0)) / (double) (executions.get(1) - executions.get(0));
        }

        /** Least-squares slope over the later rounds: what keeps growing once the store is full, if anything. */
        double laterBytesPerExecution() {
            int n = executions.size();
            double mx = 0;
            double my = 0;
            for (int i = 1; i < n; i++) {
                mx += executions.get(i);
                my += heap.get(i);
            }
            mx /= n - 1;
            my /= n - 1;
            double sxy = 0;
            double sxx = 0;
            for (int i = 1; i < n; i++) {
                sxy += (executions.get(i) - mx) * (heap.get(i) - my);
                sxx += (executions.get(i) - mx) * (executions.get(i) - mx);
            }
            return sxx == 0 ? 0 : sxy / sxx;
        }

        static Figures from(Map<String, String> results) {
            List<Integer> executions = new ArrayList<>();
            List<Long> heap = new ArrayList<>();
            List<Integer> stored = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                String[] parts = results.get("round" + round).split(" ");
                executions.add(Integer.parseInt(parts[0]));
                heap.add(Long.parseLong(parts[1]));
                stored.add(Integer.parseInt(parts[2]));
            }
            return new Figures(Integer.parseInt(results.get("transitions")),
                    Integer.parseInt(results.get("eventsWritten")), Integer.parseInt(results.get("eventsStored")),
                    executions, heap, stored);
        }
    }

    private W2HeapFlatness() {
    }

    static Figures measure() throws Exception {
        return Figures.from(ChildJvm.run(W2HeapFlatness.class, List.of()));
    }

    public static void main(String[] args) throws Exception {
        try (CamelFixture camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w2").to(Workloads.aslUri("w2", W2ChoiceLoop.DEFINITION));
            }
        })) {
            CamelFixture.EngineRun first = camel.runEngineOnce("direct:w2", W2ChoiceLoop.INPUT);
            int transitions = Workloads.countTransitions(first.history());
            for (int i = 1; i < WARM_UP; i++) {
                camel.request("direct:w2", W2ChoiceLoop.INPUT);
            }
            ChildJvm.result("transitions", transitions);
            ChildJvm.result("eventsWritten", first.history().size());
            ChildJvm.result("eventsStored", first.storedEvents());
            for (int round = 0; round <= ROUNDS; round++) {
                if (round > 0) {
                    for (int i = 0; i < PER_ROUND; i++) {
                        camel.request("direct:w2", W2ChoiceLoop.INPUT);
                    }
                }
                long heap = ChildJvm.usedHeapAfterGc();
                ChildJvm.result("round" + round, (round * PER_ROUND) + " " + heap + " " + camel.store().list().size());
            }
        }
    }
}
