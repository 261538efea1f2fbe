package io.jixiao.budget.domain.rules;

/** Budget project categories: basic livelihood, major strategic, general. */
public enum Category {
    LIVELIHOOD, STRATEGIC, GENERAL
}
