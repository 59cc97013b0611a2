package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationReportTest {

    @Test
    void isCleanOnlyWithoutDiscrepancies() {
        assertTrue(new ReconciliationReport(List.of()).isClean());
        ReconciliationReport.Discrepancy d = new ReconciliationReport.Discrepancy(
                ReconciliationReport.Kind.POSITION_MISMATCH, "", Instrument.equity("A", "X"), 1, 2);
        assertFalse(new ReconciliationReport(List.of(d)).isClean());
    }

    @Test
    void copiesTheListSoLaterChangesDoNotLeakIn() {
        List<ReconciliationReport.Discrepancy> list = new ArrayList<>();
        ReconciliationReport r = new ReconciliationReport(list);
        list.add(new ReconciliationReport.Discrepancy(ReconciliationReport.Kind.MISSING_AT_VENUE, "a",
                Instrument.equity("A", "X"), 0, Double.NaN));
        assertTrue(r.isClean());
        assertThrows(UnsupportedOperationException.class, () -> r.discrepancies().clear());
    }
}
