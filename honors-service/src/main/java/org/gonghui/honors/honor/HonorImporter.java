package org.gonghui.honors.honor;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.gonghui.honors.award.Award;
import org.gonghui.honors.award.RecipientKind;
import org.gonghui.honors.clock.HonorsClock;
import org.gonghui.honors.honor.ImportDtos.ImportError;
import org.gonghui.honors.honor.ImportDtos.ImportResult;
import org.gonghui.honors.honor.ImportDtos.ImportRow;
import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.platform.outbox.Outbox;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;
import org.hibernate.Session;

/**
 * Historical honors: each row validated on its own, bad rows reported with their line, good rows conferred (honor +
 * honor-conferred event) in one transaction. Honors go in with one INSERT from arrays, their outbox rows in one batch.
 */
@ApplicationScoped
public class HonorImporter {

    private static final int MAX_TEXT = 200;

    private final OrgScope scope;
    private final PersonRefs personRefs;
    private final CertificateNumbers certificates;
    private final Outbox outbox;
    private final AuditLog audit;
    private final HonorsClock clock;
    private final EntityManager em;
    private final RollCache roll;

    @Inject
    public HonorImporter(OrgScope scope, PersonRefs personRefs, CertificateNumbers certificates, Outbox outbox,
            AuditLog audit, HonorsClock clock, EntityManager em, RollCache roll) {
        this.roll = roll;
        this.scope = scope;
        this.personRefs = personRefs;
        this.certificates = certificates;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ImportResult importRows(List<ImportRow> rows) {
        Map<String, Award> awards = new HashMap<>();
        Award.<Award> listAll().forEach(a -> awards.put(a.code, a));
        OffsetDateTime now = clock.now();
        int thisYear = now.getYear();
        String callerOrg = scope.org();
        List<ImportError> errors = new ArrayList<>();
        List<Candidate> accepted = new ArrayList<>();
        Map<String, Integer> seenInFile = new HashMap<>();
        // rows are independent until the duplicate check: validate (ID checksum, personRef HMAC) on all cores
        List<Object> outcomes = rows.parallelStream().map(row -> {
            try {
                return (Object) new Candidate(row.line(), validate(row, awards, thisYear, callerOrg, now));
            } catch (RowProblem p) {
                return new ImportError(row.line(), p.getMessage());
            }
        }).toList();
        for (Object outcome : outcomes) {
            if (outcome instanceof ImportError error) {
                errors.add(error);
                continue;
            }
            Candidate c = (Candidate) outcome;
            Honor h = c.honor();
            Integer earlier = h.personRef == null ? null
                    : seenInFile.putIfAbsent(holdingKey(h.awardCode, h.year, h.personRef), c.line());
            if (earlier != null) {
                errors.add(new ImportError(c.line(), "the same person, award and year as line " + earlier));
            } else {
                accepted.add(c);
            }
        }
        // a parallel import of the same holding must cost only its line, never the batch (#29.1): wait for imports
        // and conferrals of these years to commit before looking, so the check below sees their honors
        certificates.lockYears(accepted.stream().map(c -> c.honor().year).toList());
        Set<String> held = alreadyHeld(accepted.stream().map(Candidate::honor).toList());
        List<Candidate> fresh = new ArrayList<>(accepted.size());
        for (Candidate c : accepted) {
            Honor h = c.honor();
            if (h.personRef != null && held.contains(holdingKey(h.awardCode, h.year, h.personRef))) {
                errors.add(alreadyHolds(c));
            } else {
                fresh.add(c);
            }
        }
        numberCertificates(fresh.stream().map(Candidate::honor).toList());
        Set<UUID> inserted = insert(fresh.stream().map(Candidate::honor).toList());
        List<Honor> stored = new ArrayList<>(inserted.size());
        for (Candidate c : fresh) {
            if (inserted.contains(c.honor().id)) {
                stored.add(c.honor());
            } else {
                // a holding that appeared after the check (not by the paths above): the line, not the batch
                errors.add(alreadyHolds(c));
            }
        }
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        outbox.appendAll(stored.stream().map(h -> HonorService.conferredEvent(h, awards.get(h.awardCode))).toList(),
                HonorConferred::honorId);
        audit.record("honor.imported", "HonorImport", null, scope.org(),
                stored.size() + " honors imported, " + errors.size() + " rows rejected");
        return new ImportResult(stored.size(), errors.size(), errors);
    }

    private record Candidate(int line, Honor honor) {
    }

    private static ImportError alreadyHolds(Candidate c) {
        return new ImportError(c.line(), "this person already holds " + c.honor().awardCode + " for " + c.honor().year);
    }

    private Honor validate(ImportRow row, Map<String, Award> awards, int thisYear, String callerOrg,
            OffsetDateTime now) {
        if (row.awardCode() == null && row.name() == null && row.orgCode() == null) {
            throw new RowProblem("not an honor object: needs awardCode, year, name, unitName, orgCode");
        }
        Award award = row.awardCode() == null ? null : awards.get(row.awardCode().strip());
        if (award == null) {
            throw new RowProblem("awardCode: unknown award " + row.awardCode());
        }
        int year;
        try {
            year = Integer.parseInt(row.year() == null ? "" : row.year().strip());
        } catch (NumberFormatException e) {
            throw new RowProblem("year: must be a whole number, not " + row.year());
        }
        if (year < 1949 || year > thisYear) {
            throw new RowProblem("year: must lie between 1949 and " + thisYear);
        }
        String name = row.name() == null ? "" : row.name().strip();
        if (name.isEmpty() || name.length() > MAX_TEXT) {
            throw new RowProblem("name: must be 1 to " + MAX_TEXT + " characters");
        }
        String unitName = row.unitName() == null ? "" : row.unitName().strip();
        if (unitName.length() > MAX_TEXT) {
            throw new RowProblem("unitName: must be at most " + MAX_TEXT + " characters");
        }
        String org = row.orgCode() == null ? "" : row.orgCode().strip();
        if (!OrgCodes.isValid(org)) {
            throw new RowProblem("orgCode: must be a dotted lowercase org code like ld.lsj");
        }
        if (!OrgCodes.covers(callerOrg, org)) {
            throw new RowProblem("orgCode: " + org + " is outside your organisation " + callerOrg);
        }
        Honor h = new Honor();
        String idNumber = row.idNumber() == null || row.idNumber().isBlank() ? null : row.idNumber();
        if (idNumber != null) {
            if (award.recipientKind != RecipientKind.INDIVIDUAL) {
                throw new RowProblem("idNumber: only individuals have an ID number");
            }
            String problem = ResidentIdNumbers.problemWith(idNumber);
            if (problem != null) {
                throw new RowProblem("idNumber: " + problem);
            }
            h.personRef = personRefs.of(idNumber);
            h.idNumberMasked = ResidentIdNumbers.mask(idNumber);
        }
        h.id = UUID.randomUUID();
        h.awardCode = award.code;
        h.year = year;
        h.recipientKind = award.recipientKind;
        h.name = name;
        h.unitName = unitName;
        h.orgCode = org;
        h.source = Honor.Source.IMPORT;
        h.conferredAt = now;
        return h;
    }

    private static String holdingKey(String award, int year, String personRef) {
        return award + "|" + year + "|" + personRef;
    }

    /** Holdings among the rows that exist already (not revoked): one query with an array parameter. */
    private Set<String> alreadyHeld(List<Honor> rows) {
        String[] refs = rows.stream().map(h -> h.personRef).filter(r -> r != null).distinct().toArray(String[]::new);
        Set<String> held = new HashSet<>();
        if (refs.length == 0) {
            return held;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT award_code, year, person_ref FROM honor
                    WHERE revoked_at IS NULL AND person_ref = ANY (?)""")) {
                ps.setArray(1, connection.createArrayOf("text", refs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(holdingKey(rs.getString(1), rs.getInt(2), rs.getString(3)));
                    }
                }
            }
        });
        return held;
    }

    private void numberCertificates(List<Honor> honors) {
        Map<Integer, List<Honor>> byYear = new HashMap<>();
        honors.forEach(h -> byYear.computeIfAbsent(h.year, y -> new ArrayList<>()).add(h));
        byYear.forEach((year, list) -> {
            long seq = certificates.reserve(year, list.size());
            for (Honor h : list) {
                h.certificateNo = CertificateNumbers.format(year, seq++);
            }
        });
    }

    /**
     * One INSERT of all rows from column arrays; a row whose person already holds the award that year is skipped
     * (ON CONFLICT on the partial unique index) instead of failing the statement. Returns the ids inserted.
     */
    private Set<UUID> insert(List<Honor> honors) {
        Set<UUID> inserted = new HashSet<>();
        if (honors.isEmpty()) {
            return inserted;
        }
        roll.changed();
        String[][] columns = new String[12][honors.size()];
        for (int i = 0; i < honors.size(); i++) {
            Honor h = honors.get(i);
            String[] row = { h.id.toString(), h.awardCode, Integer.toString(h.year), h.recipientKind.name(), h.name,
                    h.personRef, h.idNumberMasked, h.unitName, h.orgCode, h.certificateNo, h.source.name(),
                    h.conferredAt.toString() };
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO honor (id, award_code, year, recipient_kind, name, person_ref, id_number_masked,
                                       unit_name, org_code, certificate_no, source, conferred_at)
                    SELECT id::uuid, award_code, year::int, recipient_kind, name, person_ref, id_number_masked,
                           unit_name, org_code, certificate_no, source, conferred_at::timestamptz
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS r (id, award_code, year, recipient_kind, name, person_ref, id_number_masked, unit_name,
                               org_code, certificate_no, source, conferred_at)
                    ON CONFLICT (award_code, year, person_ref) WHERE person_ref IS NOT NULL AND revoked_at IS NULL
                    DO NOTHING
                    RETURNING id""")) {
                for (int c = 0; c < columns.length; c++) {
                    ps.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        return inserted;
    }

    /** A row-level validation failure: reported with its line, the import goes on. */
    static final class RowProblem extends RuntimeException {
        RowProblem(String message) {
            super(message, null, false, false);
        }
    }
}
