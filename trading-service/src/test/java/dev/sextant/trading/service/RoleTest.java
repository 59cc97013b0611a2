package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void anOperatorMayDoEverythingAndAViewerOnlyWhatNeedsAViewer() {
        assertTrue(Role.OPERATOR.allows(Role.OPERATOR));
        assertTrue(Role.OPERATOR.allows(Role.VIEWER));
        assertTrue(Role.VIEWER.allows(Role.VIEWER));
        assertFalse(Role.VIEWER.allows(Role.OPERATOR));
        assertEquals("operator", Role.OPERATOR.label());
    }
}
