package org.gonghui.platform.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.gonghui.platform.errors.Problem;
import org.gonghui.platform.errors.ProblemException;

/**
 * CSV and plain-text bodies (the imports) are read through a check for NUL and the other C0 controls except tab and
 * line breaks, whatever the resource reads them into: a NUL in an honors CSV reached PostgreSQL (500, issue 19.13).
 * The check runs on bytes, so it holds for every ASCII-compatible charset the imports accept (UTF-8, GB18030); the
 * refusal names the file line. Direction overrides in CSV cells are not checked here (their bytes depend on the
 * charset).
 */
@Provider
public class CsvBodyCheck implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && "text".equals(type.getType())
                && ("csv".equals(type.getSubtype()) || "plain".equals(type.getSubtype()))) {
            context.setInputStream(new ControlCheckingStream(context.getInputStream()));
        }
        return context.proceed();
    }

    static final class ControlCheckingStream extends FilterInputStream {

        private int line = 1;

        ControlCheckingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                check(buffer[i]);
            }
            return n;
        }

        private void check(byte b) {
            if (b == '\n') {
                line++;
            } else if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r') || b == 0x7F) {
                String field = "line " + line;
                throw new ProblemException(400, "validation", "Invalid input", field + ": "
                        + SafeText.CONTROL_MESSAGE, List.of(new Problem.FieldError(field, SafeText.CONTROL_MESSAGE)),
                        Map.of("line", line));
            }
        }
    }
}
