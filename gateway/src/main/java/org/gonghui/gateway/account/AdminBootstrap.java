package org.gonghui.gateway.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.platform.security.Roles;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * First start: when no account exists, creates {@code admin} at {@code ld} with a random password written to the
 * credentials file (mode 600). The password is never logged and there is no built-in default.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final String USERNAME = "admin";
    static final String ROOT_ORG = "ld";

    private final EntityManager em;
    private final Passwords passwords;
    private final Optional<Path> credentialsFile;
    private final Optional<String> initialPassword;

    public AdminBootstrap(EntityManager em, Passwords passwords,
            @ConfigProperty(name = "gonghui.admin.credentials-file") Optional<Path> credentialsFile,
            @ConfigProperty(name = "gonghui.admin.initial-password") Optional<String> initialPassword) {
        this.em = em;
        this.passwords = passwords;
        this.credentialsFile = credentialsFile;
        this.initialPassword = initialPassword;
    }

    @Transactional
    void onStart(@Observes StartupEvent start) {
        // one replica at a time: the advisory lock makes a parallel first start create one admin only
        em.createNativeQuery("SELECT pg_advisory_xact_lock(727001)").getSingleResult();
        long accounts = em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
        if (accounts > 0) {
            return;
        }
        if (credentialsFile.isEmpty() && initialPassword.isEmpty()) {
            throw new IllegalStateException("no account exists yet: set gonghui.admin.credentials-file "
                    + "(GONGHUI_ADMIN_CREDENTIALS_FILE) to receive the first admin's generated password, "
                    + "or gonghui.admin.initial-password (GONGHUI_ADMIN_INITIAL_PASSWORD) from a secret");
        }
        String password = initialPassword.orElseGet(Passwords::randomPassword);
        Account admin = new Account();
        admin.id = UUID.randomUUID();
        admin.username = USERNAME;
        admin.passwordHash = passwords.hash(password);
        admin.orgCode = ROOT_ORG;
        // every role but volunteer (self-service, bound to a volunteer profile), so it can grant them all
        admin.roles = Roles.ALL.stream().filter(r -> !Roles.VOLUNTEER.equals(r)).sorted().toArray(String[]::new);
        admin.enabled = true;
        admin.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        admin.updatedAt = admin.createdAt;
        admin.persist();
        if (credentialsFile.isPresent()) {
            write(credentialsFile.get(), "username: " + USERNAME + "\npassword: " + password + "\n");
            LOG.infof("created the first admin account '%s' at %s; its password is in %s", USERNAME, ROOT_ORG,
                    credentialsFile.get().toAbsolutePath());
        } else {
            LOG.infof("created the first admin account '%s' at %s with the configured initial password", USERNAME,
                    ROOT_ORG);
        }
    }

    private static void write(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin credentials to " + file, e);
        }
    }
}
