package org.gonghui.platform.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gonghui.platform.errors.ProblemException;
import org.junit.jupiter.api.Test;

class ResidentIdNumbersTest {

    // the example from GB 11643-1999 itself
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsExampleAndComputesItsCheckCharacter() {
        assertTrue(ResidentIdNumbers.isValid(STANDARD_EXAMPLE));
        assertEquals('X', ResidentIdNumbers.checkCharFor("11010519491231002"));
        assertTrue(ResidentIdNumbers.isValid("11010519491231002x"), "lower-case x is normalised");
        assertTrue(ResidentIdNumbers.isValid(" 110105 19491231002X "), "spaces are normalised");
    }

    @Test
    void refusesWrongCheckDigitLengthLettersAndImpossibleDates() {
        assertEquals("has a wrong check digit", ResidentIdNumbers.problemWith("110105194912310021"));
        assertNotEquals(null, ResidentIdNumbers.problemWith("11010519491231002"));
        assertNotEquals(null, ResidentIdNumbers.problemWith("1101051949123100AX"));
        String feb30 = "43130219900230123";
        assertEquals("has an impossible birth date", ResidentIdNumbers.problemWith(feb30 + ResidentIdNumbers.checkCharFor(feb30)));
        assertEquals("is required", ResidentIdNumbers.problemWith(null));
        assertFalse(ResidentIdNumbers.isValid(""));
    }

    @Test
    void masksAllButFirstAndLastFour() {
        assertEquals("1101**********002X", ResidentIdNumbers.mask(STANDARD_EXAMPLE));
        assertEquals(18, ResidentIdNumbers.mask(STANDARD_EXAMPLE).length());
        assertNull(ResidentIdNumbers.mask(null));
    }

    @Test
    void personRefIsAStableKeyedHashOfTheNormalisedNumber() {
        PersonRefs refs = new PersonRefs("a-secret-of-sufficient-length");
        String ref = refs.of(STANDARD_EXAMPLE);
        assertTrue(ref.matches("[0-9a-f]{64}"));
        assertEquals(ref, refs.of("11010519491231002x"));
        assertNotEquals(ref, new PersonRefs("another-secret-of-enough-length").of(STANDARD_EXAMPLE));
        assertEquals("1101**********002X", refs.identify("idNumber", STANDARD_EXAMPLE).idNumberMasked());
        ProblemException e = assertThrows(ProblemException.class, () -> refs.identify("nominee.idNumber", "123"));
        assertEquals(400, e.status());
        assertEquals("nominee.idNumber", e.toProblem().errors().get(0).field());
        assertThrows(IllegalStateException.class, () -> new PersonRefs("short"));
    }
}
