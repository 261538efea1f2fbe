package io.jixiao.kit.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/** A list in a request whose items must differ by a key: the second of two equal ones is bad input at its place. */
public final class Distinct {

    private Distinct() {
    }

    /**
     * Refuses the first item whose key was already seen, as {@code field[i]suffix} with "what key given twice".
     *
     * @param field the list's field, such as {@code lines}
     * @param suffix the key's place inside an item, such as {@code .indicator}, or empty for a list of keys
     * @param what the key's name in the message, such as {@code indicator}
     */
    public static <T> void require(String field, String suffix, String what, List<T> items,
            Function<? super T, ?> key) {
        if (items == null) {
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Object k = key.apply(items.get(i));
            if (!seen.add(k)) {
                throw new InvalidInputException(field + "[" + i + "]" + suffix, what + " " + k + " given twice");
            }
        }
    }
}
