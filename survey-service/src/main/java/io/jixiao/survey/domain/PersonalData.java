package io.jixiao.survey.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the personal data a citizen may type into a free-text answer of an anonymous survey, before it is stored: a
 * mainland mobile number keeps its first three and last four digits (138****5678), a resident identity card number its
 * first six and last four (110101********123X), an e-mail address its first character and its domain
 * (z***@example.cn; a***@example.cn at most, a*@example.cn for a two-character one). The survey does not need them to count an opinion, and an answer that carried them would no
 * longer be anonymous, in the database or in the analysts' exports. Digits that belong to a longer run of digits (a
 * case number, an account) are left alone.
 */
public final class PersonalData {

    private static final Pattern IDENTITY_CARD = Pattern.compile("(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])"
            + "(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])((?:\\+?86[ -]?)?1[3-9][0-9])[ -]?[0-9]{4}[ -]?"
            + "([0-9]{4})(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])([A-Za-z0-9])([A-Za-z0-9._%+-]*)"
            + "(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private PersonalData() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = IDENTITY_CARD.matcher(text).replaceAll("$1********$2");
        masked = MOBILE.matcher(masked).replaceAll("$1****$2");
        // at most three stars, and never more than the characters they stand for: a masked answer is never longer than
        // the one typed, so it stays within the answer's cap
        return EMAIL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + "*".repeat(Math.min(3, m.group(2).length())) + m.group(3)));
    }
}
