package io.jixiao.indicator.domain.scoring;

/** The five dimensions of the localized 4+1 balanced scorecard. */
public enum Dimension {
    POLITICAL("政治责任", "Political responsibility"), PUBLIC("公众/顾客", "Public"), FINANCIAL("财务",
            "Financial"), PROCESS("内部流程", "Internal process"), LEARNING("学习与成长", "Learning and growth");

    public final String zh;
    public final String en;

    Dimension(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }
}
