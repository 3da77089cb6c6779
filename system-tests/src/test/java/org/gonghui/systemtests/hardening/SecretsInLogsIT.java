package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, secrets: runs after the other system tests (class order, see junit-platform.properties) and reads the
 * running suite's logs ({@code .suite/logs/*.log}): none of the passwords, tokens or ID numbers the sweeps sent may
 * appear, nor any JWT or checksum-valid resident ID number at all; and a personal record comes back masked.
 */
@Order(Integer.MAX_VALUE)
class SecretsInLogsIT {

    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");
    static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

    @Test
    void idNumbersComeBackMaskedOnly() {
        String staff = Actors.token("secrets-staff", "ld.lsj", "staff");
        String id = Actors.idNumber();
        Wire.Answer created = Wire.json("POST", "/api/v1/welfare/cases", staff, Map.of("kind", "WORKER", "name",
                "Mask Check " + Actors.RUN, "idNumber", id, "orgCode", "ld.lsj", "hardships", List.of("LOW_INCOME"),
                "notes", "masking check"));
        assertEquals(201, created.status(), created.toString());
        Wire.Answer read = Wire.gateway("GET", "/api/v1/welfare/cases/" + created.json().path("id").asText(), staff,
                null, null);
        Wire.Answer list = Wire.gateway("GET", "/api/v1/welfare/cases?size=200", staff, null, null);
        for (Wire.Answer a : List.of(created, read, list)) {
            assertFalse(a.body().contains(id), "an unmasked ID number in " + a);
            assertFalse(a.body().contains(id.substring(6, 14)), "the birth date part of an ID number in " + a);
        }
        assertEquals(ResidentIdNumbers.mask(id), read.json().path("idNumberMasked").asText(), read.toString());
    }

    @Test
    void noPasswordTokenOrIdNumberInTheSuiteLogs() throws IOException {
        Path logs = Path.of(System.getProperty("gonghui.root", "..")).resolve(".suite/logs");
        assertTrue(Files.isDirectory(logs), "no suite logs at " + logs);
        Set<String> secrets = Ledger.secrets();
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(logs)) {
            files = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            bytes += text.length();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(file.getFileName() + ": a value the sweep sent (" + secret.substring(0, 4) + "...)");
                }
            }
            Matcher jwt = JWT.matcher(text);
            if (jwt.find()) {
                leaks.add(file.getFileName() + ": a JWT (" + jwt.group().substring(0, 16) + "...)");
            }
            Matcher id = ID_NUMBER.matcher(text);
            while (id.find()) {
                if (ResidentIdNumbers.isValid(id.group())) {
                    leaks.add(file.getFileName() + ": an unmasked resident ID number " + ResidentIdNumbers.mask(id.group()));
                    break;
                }
            }
        }
        Ledger.add("secrets", "responses with an unmasked ID number", 0);
        Ledger.report("secrets", List.of("log files read: " + files.size() + " (" + bytes / 1024 + " KiB)",
                "secrets looked for: " + secrets.size(), "leaks: " + leaks.size()));
        assertEquals(0, Ledger.get("secrets", "responses with an unmasked ID number"),
                "a response of the sweeps showed an ID number they had sent");
        assertTrue(files.size() >= 4, "expected the logs of the four services in " + logs + ": " + files);
        assertTrue(secrets.size() >= 10, "the sweeps should have noted their secrets: " + secrets.size());
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }
}
