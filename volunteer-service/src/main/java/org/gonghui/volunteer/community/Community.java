package org.gonghui.volunteer.community;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Column(name = "org_code")
    public String orgCode;
    public String address;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;
}
