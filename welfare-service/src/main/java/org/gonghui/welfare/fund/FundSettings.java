package org.gonghui.welfare.fund;

import java.time.MonthDay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gonghui.welfare.funds.*} */
@ConfigMapping(prefix = "gonghui.welfare.funds")
public interface FundSettings {

    /**
     * The day of the year after a fund's year on which the fund takes its last new grants, unless the admin who
     * created it gave another date ({@code --01-31}: 31 January).
     */
    @WithDefault("--01-31")
    MonthDay closingDay();
}
