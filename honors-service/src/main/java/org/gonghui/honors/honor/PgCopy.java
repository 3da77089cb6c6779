package org.gonghui.honors.honor;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * Bulk insert with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)}: one stream instead of thousands of INSERTs.
 * Every value is quoted, so an empty string stays empty; a null is written unquoted and becomes NULL.
 */
final class PgCopy {

    private PgCopy() {
    }

    static long copy(Connection connection, String table, String columns, List<String[]> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                if (row[i] != null) {
                    csv.append('"').append(row[i].replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }
}
