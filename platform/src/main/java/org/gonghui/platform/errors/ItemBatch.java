package org.gonghui.platform.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** All-or-nothing batch endpoints: the single-item step per item, a refused item named by its index ({@code item}). */
public final class ItemBatch {

    private ItemBatch() {
    }

    /** Applies step to every item in order; the first refusal is rethrown with {@code item} set to its index. */
    public static <T, R> List<R> applyAll(List<T> items, Function<T, R> step) {
        List<R> done = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                done.add(step.apply(items.get(i)));
            } catch (ProblemException e) {
                throw e.with("item", i);
            }
        }
        return done;
    }
}
