package org.gonghui.gateway.org;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gonghui.platform.security.OrgCodes;

/** Request and response bodies of the org registry. */
public final class OrgDtos {

    private OrgDtos() {
    }

    public record OrgView(String code, String name, String parentCode) {
        static OrgView of(OrgUnit o) {
            return new OrgView(o.code, o.name, o.parentCode);
        }
    }

    public record NewOrg(
            @NotBlank @Size(max = OrgCodes.MAX_LENGTH) @Pattern(regexp = OrgCodes.PATTERN,
                    message = "must be a dotted lowercase org code like ld.lsj.steel") String code,
            @NotBlank @Size(max = 200) String name,
            String parentCode) {
    }
}
