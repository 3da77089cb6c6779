package org.gonghui.welfare.enrolment;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.idempotency.IdempotencyKeys;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.welfare.enrolment.EnrolmentDtos.ImportResult;
import org.gonghui.welfare.enrolment.EnrolmentDtos.RowError;
import org.gonghui.welfare.program.Program;
import org.gonghui.welfare.program.ProgramKind;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Bulk enrolment from CSV ({@code name,idNumber,orgCode,unitName}): each row validated, valid rows written with
 * multi-row {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING} statements of {@value #BATCH} rows, so
 * duplicates (already enrolled, or repeated in the file) are skipped by the unique index, not by a read per row.
 */
@ApplicationScoped
public class EnrolmentImporter {

    private static final Logger LOG = Logger.getLogger(EnrolmentImporter.class);
    static final int BATCH = 5_000;
    static final int MAX_REPORTED_ERRORS = 1_000;

    private final EntityManager em;
    private final OrgScope scope;
    private final PersonRefs personRefs;
    private final AuditLog audit;
    private final IdempotencyKeys idempotency;

    @Inject
    public EnrolmentImporter(EntityManager em, OrgScope scope, PersonRefs personRefs, AuditLog audit,
            IdempotencyKeys idempotency) {
        this.em = em;
        this.scope = scope;
        this.personRefs = personRefs;
        this.audit = audit;
        this.idempotency = idempotency;
    }

    @Transactional
    public Response importCsv(String programCode, Integer year, String idempotencyKey, String csv) {
        Program program = enrolmentProgram(programCode);
        if (year == null || year < 1949 || year > 2200) {
            throw ProblemException.invalidField("year", "is required (1949..2200)");
        }
        String request = program.code + "|" + year + "|" + csv;
        return idempotency.execute("welfare.enrol:" + scope.subject(), idempotencyKey, request,
                () -> Response.ok(run(program, year, csv)).build());
    }

    public Program enrolmentProgram(String programCode) {
        Program program = programCode == null ? null : Program.findById(programCode);
        if (program == null) {
            throw ProblemException.invalidField("programCode", "unknown program " + programCode);
        }
        if (program.kind != ProgramKind.ENROLMENT) {
            throw ProblemException.unprocessable("not-an-enrolment-program",
                    program.code + " is a grant program; submit applications instead");
        }
        return program;
    }

    private ImportResult run(Program program, int year, String csv) {
        long started = System.nanoTime();
        String actor = scope.username();
        String callerOrg = scope.org();
        Map<String, String> orgProblems = new HashMap<>();
        List<RowError> errors = new ArrayList<>();
        int rejected = 0;
        int valid = 0;
        int accepted = 0;
        Batch batch = new Batch();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new StringReader(csv))) {
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (row.getRecordNumber() == 1 && row.size() > 0 && "name".equalsIgnoreCase(row.get(0))) {
                    continue; // header
                }
                String problem = problemWith(row, callerOrg, orgProblems);
                if (problem != null) {
                    rejected++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(new RowError(line, problem));
                    }
                    continue;
                }
                valid++;
                batch.add(row.get(1), row.get(0), row.get(2), row.size() > 3 && !row.get(3).isEmpty() ? row.get(3) : null);
                if (batch.size() == BATCH) {
                    accepted += batch.flush(program.code, year, actor);
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ProblemException.badRequest("malformed-csv", "The CSV cannot be read: " + e.getMessage());
        }
        long parsedNanos = System.nanoTime() - started - batch.hmacNanos - batch.insertNanos;
        accepted += batch.flush(program.code, year, actor);
        LOG.infof("enrolment import %s/%d: %d rows; parse+validate %d ms, personRef %d ms, insert %d ms",
                program.code, year, valid + rejected, parsedNanos / 1_000_000, batch.hmacNanos / 1_000_000,
                batch.insertNanos / 1_000_000);
        audit.record("IMPORT", "Enrolment", program.code + "/" + year, scope.org(),
                accepted + " accepted, " + (valid - accepted) + " duplicates, " + rejected + " rejected");
        return new ImportResult(program.code, year, accepted, valid - accepted, rejected, errors,
                rejected > errors.size());
    }

    /** Why a row cannot be enrolled, or null. {@code orgProblems} caches the verdict per org code of the file. */
    private String problemWith(CSVRecord row, String callerOrg, Map<String, String> orgProblems) {
        if (row.size() < 3) {
            return "expected name,idNumber,orgCode,unitName";
        }
        String name = row.get(0);
        if (name.isEmpty() || name.length() > 200) {
            return "name is required (at most 200 characters)";
        }
        String idProblem = ResidentIdNumbers.problemWith(row.get(1));
        if (idProblem != null) {
            return "idNumber " + idProblem;
        }
        String orgProblem = orgProblems.computeIfAbsent(row.get(2), org -> !OrgCodes.isValid(org)
                ? "orgCode is not a valid org code"
                : !OrgCodes.covers(callerOrg, org) ? "orgCode " + org + " is outside your organisation " + callerOrg
                : "");
        return orgProblem.isEmpty() ? null : orgProblem;
    }

    /** Column arrays of up to {@value #BATCH} rows, written by one statement. */
    private final class Batch {
        private final List<String> idNumbers = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<String> orgs = new ArrayList<>();
        private final List<String> units = new ArrayList<>();
        private List<String> refs;
        private List<String> masked;
        long hmacNanos;
        long insertNanos;

        void add(String idNumber, String name, String org, String unit) {
            idNumbers.add(idNumber);
            names.add(name);
            orgs.add(org);
            units.add(unit);
        }

        int size() {
            return idNumbers.size();
        }

        int flush(String programCode, int year, String actor) {
            if (idNumbers.isEmpty()) {
                return 0;
            }
            // the HMACs are the CPU-heavy part of an import: compute them on all cores
            long started = System.nanoTime();
            refs = idNumbers.parallelStream().map(personRefs::of).toList();
            masked = idNumbers.stream().map(ResidentIdNumbers::mask).toList();
            long hashed = System.nanoTime();
            int[] inserted = new int[1];
            em.unwrap(Session.class).doWork(connection -> inserted[0] = insert(connection, programCode, year, actor));
            hmacNanos += hashed - started;
            insertNanos += System.nanoTime() - hashed;
            idNumbers.clear();
            names.clear();
            orgs.clear();
            units.clear();
            return inserted[0];
        }

        private int insert(Connection connection, String programCode, int year, String actor) throws java.sql.SQLException {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO enrolment (id, program_code, year, person_ref, id_number_masked, name, org_code, unit_name, created_by)
                    SELECT gen_random_uuid(), ?, ?, r, m, n, o, u, ? FROM unnest(?, ?, ?, ?, ?) AS t(r, m, n, o, u)
                    ON CONFLICT (program_code, year, person_ref) DO NOTHING""")) {
                insert.setString(1, programCode);
                insert.setInt(2, year);
                insert.setString(3, actor);
                insert.setArray(4, array(connection, refs));
                insert.setArray(5, array(connection, masked));
                insert.setArray(6, array(connection, names));
                insert.setArray(7, array(connection, orgs));
                insert.setArray(8, array(connection, units));
                return insert.executeUpdate();
            }
        }

        private Array array(Connection connection, List<String> values) throws java.sql.SQLException {
            return connection.createArrayOf("text", values.toArray());
        }
    }
}
