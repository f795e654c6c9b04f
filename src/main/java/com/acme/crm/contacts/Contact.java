package com.acme.crm.contacts;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Version;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;

/** A person the CRM knows; the table is created by the Flyway migrations. */
@Entity
public class Contact extends PanacheEntity {

    @Column(name = "first_name", nullable = false, length = 100)
    public String firstName;

    @Column(name = "last_name", nullable = false, length = 100)
    public String lastName;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(length = 32)
    public String phone;

    @Column(length = 200)
    public String company;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;

    static Optional<Contact> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    /**
     * Contacts whose names, email or company contain the text in any letter case; all when it is blank. Both sides are
     * folded by the database's lower(), so that they agree in every locale.
     */
    static PanacheQuery<Contact> search(String text, Sort sort) {
        if (text == null || text.isBlank()) {
            return findAll(sort);
        }
        return find(
                "lower(firstName) like lower(?1) escape '\\' or lower(lastName) like lower(?1) escape '\\'"
                        + " or lower(email) like lower(?1) escape '\\' or lower(company) like lower(?1) escape '\\'",
                sort, "%" + escapeLike(text.strip()) + "%");
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
