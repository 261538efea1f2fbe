package io.jixiao.survey.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void aMobileNumberKeepsItsFirstThreeAndLastFourDigits() {
        assertEquals("请打电话给我 138****5678 谢谢", PersonalData.mask("请打电话给我 13812345678 谢谢"));
        assertEquals("电话:139****0000。", PersonalData.mask("电话:13900000000。"));
        assertEquals("+86 138****5678", PersonalData.mask("+86 13812345678"));
        assertEquals("86138****5678", PersonalData.mask("8613812345678"));
        assertEquals("138****5678", PersonalData.mask("138-1234-5678"));
        assertEquals("138****5678", PersonalData.mask("138 1234 5678"));
    }

    @Test
    void anIdentityCardNumberKeepsItsRegionAndLastFour() {
        assertEquals("身份证110101********123X", PersonalData.mask("身份证11010119900307123X"));
        assertEquals("110101********1234 办理", PersonalData.mask("110101199003071234 办理"));
        assertEquals("id 440305********003x.", PersonalData.mask("id 44030520011231003x."));
    }

    @Test
    void anEmailAddressKeepsItsFirstCharacterAndDomain() {
        assertEquals("发到 z***@example.gov.cn 吧", PersonalData.mask("发到 zhang.san@example.gov.cn 吧"));
        assertEquals("z***@qq.com", PersonalData.mask("zhao@qq.com"));
        assertEquals("l**@qq.com", PersonalData.mask("liu@qq.com"), "no more stars than characters");
        assertEquals("w*@qq.com", PersonalData.mask("wu@qq.com"));
        assertEquals("x@qq.com", PersonalData.mask("x@qq.com"), "its one character is the one shown anyway");
    }

    /** The answer's cap is checked before masking, so masking may never make an answer longer. */
    @Test
    void aMaskedAnswerIsNeverLongerThanTheOneTyped() {
        for (String typed : new String[]{"wu@qq.com", "a@b.cn, ab@b.cn, abc@b.cn", "+86 138 1234 5678",
                "11010119900307123X", "发到 zhang.san@example.gov.cn 吧"}) {
            assertTrue(PersonalData.mask(typed).length() <= typed.length(), typed);
        }
    }

    @Test
    void otherNumbersAndTextAreLeftAlone() {
        for (String kept : new String[]{"12345 热线", "等了 2 小时", "邮编 100010", "案件号 2026110100012345678",
                "账号 6222021234567890123", "138123456789", "21381234567", "1234567890", "服务很好！", "a@b",
                "价格 13.812345678 元"}) {
            assertEquals(kept, PersonalData.mask(kept));
        }
        assertNull(PersonalData.mask(null));
        assertEquals("", PersonalData.mask(""));
    }
}
