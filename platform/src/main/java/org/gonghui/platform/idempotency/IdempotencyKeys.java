package org.gonghui.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.gonghui.platform.errors.ProblemException;

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

    @Inject
    public IdempotencyKeys(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
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
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_key (scope, idem_key, request_hash) VALUES (?1, ?2, ?3)
                ON CONFLICT (scope, idem_key) DO NOTHING""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash).executeUpdate();
        if (inserted == 1) {
            Response response = serialised(action.get());
            em.createNativeQuery("UPDATE idempotency_key SET status = ?1, response_body = ?2 WHERE scope = ?3 AND idem_key = ?4")
                    .setParameter(1, response.getStatus()).setParameter(2, response.getEntity())
                    .setParameter(3, scope).setParameter(4, key).executeUpdate();
            return response;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT request_hash, status, response_body FROM idempotency_key WHERE scope = ?1 AND idem_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used before with a different request");
        }
        return Response.status(((Number) row[1]).intValue()).type(MediaType.APPLICATION_JSON)
                .entity((String) row[2]).header("Idempotent-Replayed", "true").build();
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
