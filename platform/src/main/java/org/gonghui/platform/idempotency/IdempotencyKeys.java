package org.gonghui.platform.idempotency;

import static org.gonghui.platform.transaction.TransactionJdbc.integer;
import static org.gonghui.platform.transaction.TransactionJdbc.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.transaction.TransactionJdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} handling for POSTs marked (idem): the first request with a key runs and its response is
 * stored in the same transaction; a repeat with the same request gets that response again, a repeat with a different
 * request gets 422. A concurrent repeat waits on the key's row until the first commits (or rolls back and frees the
 * key). A failed first attempt stores nothing, so the client may retry with the same key.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final TransactionJdbc jdbc;

    @Inject
    public IdempotencyKeys(EntityManager em, ObjectMapper mapper, TransactionJdbc jdbc) {
        this.em = em;
        this.mapper = mapper;
        this.jdbc = jdbc;
    }

    /**
     * @param scope the operation and its caller, e.g. {@code "welfare.pay:" + subject}
     * @param request what makes two requests "the same": path ids and body
     * @param action the operation, returning the status and the JSON-serialisable entity of its response
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response execute(String scope, String key, Object request, Supplier<Response> action) {
        if (key == null) {
            return serialised(action.get());
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        boolean inserted = jdbc.update("""
                INSERT INTO idempotency_key (scope, idem_key, request_hash) VALUES (?, ?, ?)
                ON CONFLICT (scope, idem_key) DO NOTHING""", text(scope), text(key), text(hash)) == 1;
        if (inserted) {
            Response response = serialised(action.get());
            // the action's own changes go first, so that their failures surface here and not at commit
            em.flush();
            jdbc.update("UPDATE idempotency_key SET status = ?, response_body = ? WHERE scope = ? AND idem_key = ?",
                    integer(response.getStatus()), text((String) response.getEntity()), text(scope), text(key));
            return response;
        }
        // the row exists: the insert above waited for a concurrent first request's commit (or found an older one)
        Stored stored = jdbc.queryRow(
                "SELECT request_hash, status, response_body FROM idempotency_key WHERE scope = ? AND idem_key = ?",
                row -> new Stored(row.getString(1), row.getInt(2), row.getString(3)), text(scope), text(key))
                .orElseThrow();
        if (!hash.equals(stored.requestHash())) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used before with a different request");
        }
        return Response.status(stored.status()).type(MediaType.APPLICATION_JSON)
                .entity(stored.responseBody()).header("Idempotent-Replayed", "true").build();
    }

    private record Stored(String requestHash, int status, String responseBody) {
    }

    private Response serialised(Response response) {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof String) {
            return response;
        }
        try {
            return Response.fromResponse(response).type(MediaType.APPLICATION_JSON)
                    .entity(mapper.writeValueAsString(entity)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(Object request) {
        try {
            byte[] bytes = request instanceof byte[] b ? b
                    : request instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
