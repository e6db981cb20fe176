package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;

/**
 * The province reform of 1 July 2025 changes codes, not traffic: in {@code reform-2025-07}, the
 * dossiers and logins of each new province on Tuesday 1 July match, share for share, the sum of its
 * old provinces on Monday 30 June (two working days of equal volume), once the old codes are mapped
 * to their successors. Complements {@code ShippedScenariosTest}, which checks that no old code
 * appears after the switch.
 */
class ReformConservationTest {
  private static final LocalDate LAST_OLD_DAY = AdminDivisions.PROVINCE_REFORM.minusDays(1);
  private static final LocalDate FIRST_NEW_DAY = AdminDivisions.PROVINCE_REFORM;

  /** A tenth of the volume: ~18,000 province dossiers and ~56,000 logins a working day. */
  private static final double SCALE = 0.1;

  /** Per new province, its share of the day's province dossiers / logins may move this much. */
  private static final double SHARE_TOLERANCE = 0.001;

  @Test
  void eachNewProvinceCarriesTheTrafficOfTheOldProvincesMergedIntoIt() {
    AdminDivisions divisions = AdminDivisions.standard();
    EventGenerator generator =
        new EventGenerator(Scenarios.load("reform-2025-07").startingOn(LAST_OLD_DAY), SCALE);
    Map<String, long[]> before = new TreeMap<>(); // new code -> {dossiers, logins}, mapped
    Map<String, long[]> after = new TreeMap<>();
    EventCursor cursor = generator.cursor(0);
    while (cursor.hasNext()) {
      OutgoingEvent event = cursor.next();
      LocalDate date =
          Instant.ofEpochMilli(event.eventTimeMillis()).atOffset(WindowKind.VIETNAM).toLocalDate();
      boolean dossier = event.kind() == OutgoingEvent.Kind.DOSSIER;
      String code;
      if (dossier) {
        if (event.dossier().authority().level() != Level.PROVINCE) {
          continue;
        }
        code = event.dossier().authority().code();
      } else {
        code = event.login().province();
      }
      if (date.isAfter(FIRST_NEW_DAY)) {
        break;
      }
      if (date.equals(LAST_OLD_DAY)) {
        Unit old = divisions.find(Level.PROVINCE, code, date).orElseThrow();
        String successor = divisions.successor(old).map(Unit::code).orElseThrow();
        before.computeIfAbsent(successor, k -> new long[2])[dossier ? 0 : 1]++;
      } else if (date.equals(FIRST_NEW_DAY)) {
        assertThat(divisions.find(Level.PROVINCE, code, date))
            .as("%s in force on %s", code, date)
            .isPresent();
        after.computeIfAbsent(code, k -> new long[2])[dossier ? 0 : 1]++;
      }
    }

    assertThat(after).hasSize(34);
    assertThat(before.keySet()).isEqualTo(after.keySet());
    for (int kind = 0; kind < 2; kind++) {
      long totalBefore = total(before, kind);
      long totalAfter = total(after, kind);
      // both are working days: the same volume on either side of the reform
      assertThat(totalAfter)
          .as(kind == 0 ? "province dossiers" : "logins")
          .isCloseTo(totalBefore, within(Math.max(5, totalBefore / 200)));
      for (String code : after.keySet()) {
        assertThat((double) after.get(code)[kind] / totalAfter)
            .as("%s share of %s", code, kind == 0 ? "province dossiers" : "logins")
            .isCloseTo((double) before.get(code)[kind] / totalBefore, within(SHARE_TOLERANCE));
      }
    }
  }

  private static long total(Map<String, long[]> counts, int kind) {
    return counts.values().stream().mapToLong(c -> c[kind]).sum();
  }
}
