package org.gonghui.platform.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** The list envelope of the API: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** One page of a Panache query, each row turned into its view; {@code total} counts the whole query. */
    public static <E, T> Page<T> of(PanacheQuery<E> query, int page, int size, Function<? super E, T> view) {
        List<T> items = query.page(page, size).list().stream().<T>map(view).toList();
        return new Page<>(items, page, size, query.count());
    }

    public static <E, T> Page<T> of(PanacheQuery<E> query, PageParams params, Function<? super E, T> view) {
        return of(query, params.page, params.size, view);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
