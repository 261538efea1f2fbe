package io.jixiao.survey.domain.review;

/** The five levels of a 好差评 rating (DESIGN section 5), with their points; the last two are bad reviews. */
public enum ReviewLevel {
    VERY_SATISFIED(100, "非常满意"), SATISFIED(80, "满意"), BASICALLY_SATISFIED(60, "基本满意"), DISSATISFIED(30,
            "不满意"), VERY_DISSATISFIED(0, "非常不满意");

    private final int points;
    private final String labelZh;

    ReviewLevel(int points, String labelZh) {
        this.points = points;
        this.labelZh = labelZh;
    }

    public int points() {
        return points;
    }

    public String labelZh() {
        return labelZh;
    }

    /** 差评: a rating that opens a rectification case. */
    public boolean bad() {
        return this == DISSATISFIED || this == VERY_DISSATISFIED;
    }
}
