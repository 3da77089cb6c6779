package org.gonghui.honors.honor;

import java.util.List;

public final class ImportDtos {

    private ImportDtos() {
    }

    /** One row as read, before validation; {@code line} is where the client finds it. */
    public record ImportRow(int line, String awardCode, String year, String name, String idNumber, String unitName,
            String orgCode) {
    }

    public record ImportError(int line, String message) {
    }

    public record ImportResult(int accepted, int rejected, List<ImportError> errors) {
    }
}
