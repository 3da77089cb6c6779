package org.gonghui.honors.nomination;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One reviewer's score of one nomination. */
@Entity
@Table(name = "nomination_score")
@IdClass(Score.Key.class)
public class Score extends PanacheEntityBase {

    @Id
    @Column(name = "nomination_id")
    public UUID nominationId;

    @Id
    public String reviewer;

    @Column(name = "reviewer_org")
    public String reviewerOrg;

    public int score;

    public String comment;

    @Column(name = "scored_at")
    public OffsetDateTime scoredAt;

    public static class Key implements Serializable {
        public UUID nominationId;
        public String reviewer;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(nominationId, k.nominationId)
                    && java.util.Objects.equals(reviewer, k.reviewer);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(nominationId, reviewer);
        }
    }
}
