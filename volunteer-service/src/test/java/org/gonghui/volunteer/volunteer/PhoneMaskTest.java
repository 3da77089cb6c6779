package org.gonghui.volunteer.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void aMobileNumberKeepsItsFirstThreeAndLastFourDigits() {
        assertEquals("138****5678", PhoneMask.mask("13812345678"));
    }

    @Test
    void separatorsAndTheCountryPrefixKeepTheirPlace() {
        assertEquals("+86 1** **** 0001", PhoneMask.mask("+86 139 0000 0001"));
        assertEquals("073-****-5678", PhoneMask.mask("073-8123-5678"));
    }

    @Test
    void shortNumbersKeepOnlyTheirLastTwoDigits() {
        assertEquals("***45", PhoneMask.mask("12345"));
        assertEquals("*****67", PhoneMask.mask("1234567"));
    }

    @Test
    void aMaskedNumberIsRecognised() {
        assertTrue(PhoneMask.isMasked(PhoneMask.mask("13812345678")));
        assertFalse(PhoneMask.isMasked("13812345678"));
        assertNull(PhoneMask.mask(null));
    }
}
