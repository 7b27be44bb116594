package io.petwatch.sim.scenariofile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * What a fleet's collars are given: one value, a list handed out in order (collar 1 the first, cycling), or
 * weights ({@code {medium dog: 3, indoor cat: 1}}) handed out in exactly those proportions (largest remainders),
 * in an order shuffled by the seed.
 *
 * @param weights empty for a list handed out in order
 */
record Mix<T>(List<T> values, List<Double> weights) {
    Mix {
        values = List.copyOf(values);
        weights = List.copyOf(weights);
    }

    static <T> Mix<T> of(T value) {
        return new Mix<>(List.of(value), List.of());
    }

    static <T> Optional<Mix<T>> read(Field at, Values values, Function<Field, Optional<T>> parse) {
        if (at.isScalar()) {
            return parse.apply(at).map(Mix::of);
        }
        List<T> items = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        boolean ok = true;
        if (at.isList()) {
            for (Field element : at.elements()) {
                Optional<T> item = parse.apply(element);
                item.ifPresent(items::add);
                ok &= item.isPresent();
            }
        } else {
            for (NodeTuple tuple : ((MappingNode) at.node()).getValue()) {
                Field key = new Field(at.file(), at.path(), tuple.getKeyNode());
                Field weight = at.child(key.text(), tuple.getValueNode());
                Optional<T> item = parse.apply(key);
                Optional<Double> w = values.number(weight, 0, 1e9);
                if (w.isPresent() && w.get() == 0) {
                    values.problems().add(weight, "a weight must be above 0");
                    w = Optional.empty();
                }
                item.ifPresent(items::add);
                w.ifPresent(weights::add);
                ok &= item.isPresent() && w.isPresent();
            }
        }
        if (items.isEmpty() && ok) {
            values.problems().add(at, "must not be empty");
            return Optional.empty();
        }
        return ok ? Optional.of(new Mix<>(items, weights)) : Optional.empty();
    }

    /** A value for each of {@code count} collars. */
    List<T> assign(int count, SplittableRandom random) {
        List<T> out = new ArrayList<>(count);
        if (weights.isEmpty()) {
            IntStream.range(0, count).forEach(i -> out.add(values.get(i % values.size())));
            return out;
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        int[] shares = new int[values.size()];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = (int) Math.floor(count * weights.get(i) / sum);
            given += shares[i];
        }
        List<Integer> byRemainder = IntStream.range(0, shares.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -(count * weights.get(i) / sum - shares[i])))
                .toList();
        for (int k = 0; given < count; k++, given++) {
            shares[byRemainder.get(k % shares.length)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            for (int j = 0; j < shares[i]; j++) {
                out.add(values.get(i));
            }
        }
        for (int i = out.size() - 1; i > 0; i--) { // Fisher-Yates on the seeded generator
            int j = random.nextInt(i + 1);
            T tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }
}
