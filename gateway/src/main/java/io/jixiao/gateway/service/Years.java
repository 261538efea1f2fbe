package io.jixiao.gateway.service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.jixiao.gateway.client.Panel;

/**
 * The years a portal can open on: those with a year's scorecards or an evaluation cycle of the year, and the one to open
 * on. In January the office is still evaluating the year before, and a portal that opened on the calendar's year would
 * show an empty page.
 */
public record Years(
        @Schema(description = "The years with a year's stored scorecards or an evaluation cycle of the year, that the "
                + "caller may see (a department its own), the latest first") List<Integer> years,
        @Schema(description = "The year to open on: the latest of the years that is not after the current one, else "
                + "the current year") int latest,
        @Schema(description = "Where the years come from: scorecards (the periods with stored scorecards) and "
                + "evaluation (the periods with cycles); a failing service degrades its panel, and its years are "
                + "missing from the list") Map<String, Panel> panels) {

    /** The years the two panels name, and the one to open on in {@code currentYear}. */
    static Years of(Map<String, Panel> panels, int currentYear) {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        for (String source : List.of("scorecards", "evaluation")) {
            Panel panel = panels.get(source);
            if (panel != null && panel.isOk()) {
                panel.data().forEach(row -> addYear(row.path("period"), years));
            }
        }
        int latest = years.stream().filter(y -> y <= currentYear).findFirst().orElse(currentYear);
        return new Years(List.copyOf(years), latest, panels);
    }

    /**
     * A year's period ("2026"), not a quarter's, a half's or a month's: the portal shows years, and only those its read
     * models take (2000–2099).
     */
    private static void addYear(JsonNode period, TreeSet<Integer> years) {
        String text = period.asText("");
        if (text.length() == 4 && text.startsWith("20") && text.chars().allMatch(Character::isDigit)) {
            years.add(Integer.parseInt(text));
        }
    }
}
