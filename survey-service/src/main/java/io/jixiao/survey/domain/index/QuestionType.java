package io.jixiao.survey.domain.index;

/** Question types of DESIGN section 5. */
public enum QuestionType {
    /** 1–5, mapped to 0–100 linearly (4 → 75). */
    LIKERT5,
    /** 非常满意 100, 满意 80, 基本满意 60, 不满意 30, 非常不满意 0. */
    GOOD_BAD5,
    /** 0–10, mapped to 0–100 linearly (7 → 70). */
    NPS,
    /** one option; scored when its options carry points. */
    SINGLE_CHOICE,
    /** several options; not scored. */
    MULTIPLE_CHOICE,
    /** free text; not scored. */
    TEXT
}
