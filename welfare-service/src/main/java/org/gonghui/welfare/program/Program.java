package org.gonghui.welfare.program;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A program of the seeded catalog and its rules. Read-only for the application, so it lives in Hibernate's
 * second-level cache: every submission and approval looks its program up (issue 10: a submit's CPU).
 */
@Entity
@Table(name = "program")
@Immutable
@Cacheable
public class Program extends PanacheEntityBase {

    public static final String CONDOLENCE_VISIT = "condolence-visit";
    public static final String STUDENT_AID = "student-aid";
    public static final String MODEL_WORKER_CONDOLENCE = "model-worker-condolence";
    public static final String MODEL_WORKER_LIVING_SUBSIDY = "model-worker-living-subsidy";
    public static final String MODEL_WORKER_SPECIAL_HARDSHIP = "model-worker-special-hardship";
    public static final String TRAIN_TICKET = "train-ticket";
    public static final String COMMUNITY_AID = "community-aid";
    public static final String MEDICAL_MUTUAL_AID = "medical-mutual-aid";
    public static final String FEMALE_SPECIAL_DISEASE = "female-special-disease";
    public static final String JOB_TRAINING = "job-training";

    @Id
    public String code;
    public String name;
    @Column(name = "name_en")
    public String nameEn;
    @Enumerated(EnumType.STRING)
    public ProgramKind kind;
    @Column(name = "max_per_year_fen")
    public Long maxPerYearFen;
    @Column(name = "max_times_per_year")
    public Integer maxTimesPerYear;
    @Column(name = "requires_model_worker")
    public boolean requiresModelWorker;
    @Column(name = "model_worker_levels")
    public String modelWorkerLevels;
    @Column(name = "case_kinds")
    public String caseKinds;
    @Column(name = "two_approvals_above_fen")
    public Long twoApprovalsAboveFen;

    public List<String> modelWorkerLevelList() {
        return split(modelWorkerLevels);
    }

    public List<String> caseKindList() {
        return split(caseKinds);
    }

    /** True when an application of {@code amountFen} needs two different reviewers. */
    public boolean needsTwoApprovals(long amountFen) {
        return twoApprovalsAboveFen != null && amountFen > twoApprovalsAboveFen;
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.split(","));
    }
}
