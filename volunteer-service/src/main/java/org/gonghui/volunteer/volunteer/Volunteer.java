package org.gonghui.volunteer.volunteer;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "volunteer")
public class Volunteer extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String phone;
    @Column(name = "person_ref")
    public String personRef;
    @Column(name = "id_number_masked")
    public String idNumberMasked;
    @Column(name = "org_code")
    public String orgCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] skills;
    @Column(name = "account_subject")
    public String accountSubject;
    @Column(name = "calendar_secret")
    public String calendarSecret;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;
}
