package org.gonghui.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrgCodesTest {

    @Test
    void coversItselfAndWholeSegmentsBelow() {
        assertTrue(OrgCodes.covers("ld", "ld"));
        assertTrue(OrgCodes.covers("ld", "ld.lsj.steel"));
        assertTrue(OrgCodes.covers("ld.lsj", "ld.lsj.steel"));
        assertFalse(OrgCodes.covers("ld.lsj", "ld.lsjx"), "prefix must end on a segment boundary");
        assertFalse(OrgCodes.covers("ld.lsj", "ld"), "a county does not cover the city");
        assertFalse(OrgCodes.covers("ld.lsj", "ld.ly"), "siblings do not cover each other");
    }

    @Test
    void refusesMalformedCodesOnEitherSide() {
        assertFalse(OrgCodes.isValid("LD"));
        assertFalse(OrgCodes.isValid("ld..lsj"));
        assertFalse(OrgCodes.isValid("ld.%"));
        assertFalse(OrgCodes.isValid("ld_x"), "underscore is a LIKE wildcard and never valid");
        assertFalse(OrgCodes.covers("ld", "ld.%"));
        assertFalse(OrgCodes.covers(null, "ld"));
        assertFalse(OrgCodes.isValid("a".repeat(65)));
    }

    @Test
    void parentIsThePrefixBeforeTheLastDot() {
        assertEquals("ld.lsj", OrgCodes.parentOf("ld.lsj.steel"));
        assertNull(OrgCodes.parentOf("ld"));
    }
}
