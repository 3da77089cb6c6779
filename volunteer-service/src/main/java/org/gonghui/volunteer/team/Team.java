package org.gonghui.volunteer.team;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A group of volunteers with a leader; a volunteer may be in several teams. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Column(name = "leader_id")
    public UUID leaderId;
    @Column(name = "org_code")
    public String orgCode;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    @ElementCollection
    @CollectionTable(name = "team_member", joinColumns = @JoinColumn(name = "team_id"))
    @Column(name = "volunteer_id")
    public Set<UUID> memberIds = new LinkedHashSet<>();

    public boolean hasMember(UUID volunteerId) {
        return volunteerId != null && (volunteerId.equals(leaderId) || memberIds.contains(volunteerId));
    }
}
