package vn.egovpulse.reference;

import java.time.LocalDate;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Level;

/**
 * One administrative unit in force over a span of dates: a province (63 until 2025-06-30, 34 from
 * 2025-07-01) or a ministry / ministerial-level agency (22 until 2025-02-28, 17 from 2025-03-01).
 *
 * @param code province code ("79") or the ministry's ASCII abbreviation ("BCA", "BKHDT")
 * @param population 2019 census population (for a 2025 province, the sum of its constituents); 0
 *     for ministries
 * @param lat latitude of the provincial capital; NaN for ministries
 * @param lon longitude of the provincial capital; NaN for ministries
 * @param validFrom first day in force, or null when in force since before any simulated date
 * @param validUntil last day in force (inclusive), or null when still in force
 * @param successorCode the code of the unit that took it over at the next reform, or null
 */
public record Unit(
    Level level,
    String code,
    String name,
    String nameAscii,
    String nameEn,
    long population,
    double lat,
    double lon,
    LocalDate validFrom,
    LocalDate validUntil,
    String successorCode) {

  public Authority authority() {
    return new Authority(level, code);
  }

  public boolean inForceOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom))
        && (validUntil == null || !date.isAfter(validUntil));
  }
}
