package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;

/**
 * The shipped historical scenarios reproduce their published milestones, measured on the generated
 * events themselves (no broker): the end-to-end online rates of the last simulated week, and the
 * VNeID logins a day after the switch. Volumes are scaled down; rates and shapes do not depend on
 * the scale.
 */
class ShippedScenariosTest {
  /** Percentage points. */
  private static final double TOLERANCE = 0.005;

  /** Counts over the dossiers of a span of events. */
  private static final class Rates {
    long dossiers;
    long logins;
    final long[] all = new long[2];
    final long[] online = new long[2];

    /** "LEVEL:code" → {dossiers, end-to-end online}. */
    final Map<String, long[]> units = new HashMap<>();

    void add(OutgoingEvent event) {
      if (event.kind() == OutgoingEvent.Kind.VNEID_LOGIN) {
        logins++;
        return;
      }
      dossiers++;
      DossierEvent dossier = event.dossier();
      int level = dossier.authority().level() == Level.MINISTRY ? 0 : 1;
      all[level]++;
      long[] unit =
          units.computeIfAbsent(
              dossier.authority().level() + ":" + dossier.authority().code(), k -> new long[2]);
      unit[0]++;
      if (dossier.channel() == Channel.ONLINE_END_TO_END) {
        online[level]++;
        unit[1]++;
      }
    }

    double national() {
      return (double) (online[0] + online[1]) / (all[0] + all[1]);
    }

    double ministries() {
      return (double) online[0] / all[0];
    }

    double provinces() {
      return (double) online[1] / all[1];
    }

    double unit(Level level, String code) {
      long[] unit = units.get(level + ":" + code);
      assertThat(unit).as("dossiers of %s %s", level, code).isNotNull();
      return (double) unit[1] / unit[0];
    }
  }

  /** The events of the scenario's last seven days. */
  private static Rates lastWeek(EventGenerator generator) {
    Instant end = generator.scenario().end().toInstant();
    long from = generator.indexAt(end.minusSeconds(7 * 86_400));
    Rates rates = new Rates();
    EventCursor cursor = generator.cursor(from);
    while (cursor.hasNext()) {
      rates.add(cursor.next());
    }
    return rates;
  }

  private static Rates assertLastWeek(
      String name, double scale, double national, double ministries, double provinces) {
    Rates rates = lastWeek(new EventGenerator(Scenarios.load(name), scale));

    assertThat(rates.dossiers)
        .as("%s: dossiers in the last week", name)
        .isBetween(50_000L, 300_000L);
    assertThat(rates.national()).as("%s national", name).isCloseTo(national, within(TOLERANCE));
    assertThat(rates.ministries())
        .as("%s ministries", name)
        .isCloseTo(ministries, within(TOLERANCE));
    assertThat(rates.provinces()).as("%s provinces", name).isCloseTo(provinces, within(TOLERANCE));
    return rates;
  }

  @Test
  void baseline2023EndsAt17_38_9() {
    assertLastWeek("baseline-2023", 0.1, 0.17, 0.38, 0.09);
  }

  @Test
  void h1of2024EndsAt42_61_17() {
    assertLastWeek("h1-2024", 0.1, 0.42, 0.61, 0.17);
  }

  @Test
  void year2024EndsAt45_8_63_47_18_54() {
    Rates rates = assertLastWeek("year-2024", 0.05, 0.458, 0.6347, 0.1854);

    // the named anchors (a few hundred dossiers each at this scale: ±2 points)
    assertThat(rates.unit(Level.PROVINCE, "35")).as("Hà Nam").isCloseTo(0.6854, within(0.02));
    assertThat(rates.unit(Level.MINISTRY, "BCT"))
        .as("Bộ Công Thương")
        .isCloseTo(0.8348, within(0.02));
    assertThat(rates.unit(Level.PROVINCE, "01")).as("Hà Nội").isLessThan(0.10);
    assertThat(rates.unit(Level.PROVINCE, "79")).as("TP.HCM").isLessThan(0.10);
  }

  @Test
  void h1of2024RampsFromTheEnd2023Level() {
    EventGenerator generator = new EventGenerator(Scenarios.load("h1-2024"), 0.1);
    Rates firstWeek = new Rates();
    EventCursor cursor = generator.cursor(0);
    long end = generator.indexAt(OffsetDateTime.parse("2024-01-08T00:00+07:00").toInstant());
    for (long n = 0; n < end; n++) {
      firstWeek.add(cursor.next());
    }
    // the first week ramps from 17% by about 1 point
    assertThat(firstWeek.national()).isBetween(0.17, 0.19);
  }

  @Test
  void tetCarriesATenthOfTheVolume() {
    EventGenerator generator = new EventGenerator(Scenarios.load("year-2024"), 1);

    // Thursday 8 February (Tết) against Thursday 1 February
    assertThat(generator.dossiersOn(LocalDate.of(2024, 2, 8))).isEqualTo(30_000);
    assertThat(generator.dossiersOn(LocalDate.of(2024, 2, 1))).isEqualTo(300_000);
    assertThat(generator.dossiersOn(LocalDate.of(2024, 2, 15))).isEqualTo(300_000);
  }

  @Test
  void vneidLoginsStartOnTheSwitchAt425000ADay() {
    double scale = 0.05;
    EventGenerator generator = new EventGenerator(Scenarios.load("vneid-switch-2024-07"), scale);
    long switchAt = generator.indexAt(OffsetDateTime.parse("2024-07-01T00:00+07:00").toInstant());
    Rates before = new Rates();
    Rates after = new Rates();
    long vneidDossiersBefore = 0;
    long onlineAfter = 0;
    long vneidAfter = 0;
    EventCursor cursor = generator.cursor(0);
    while (cursor.hasNext()) {
      OutgoingEvent event = cursor.next();
      boolean isAfter = event.n() >= switchAt;
      (isAfter ? after : before).add(event);
      if (event.kind() == OutgoingEvent.Kind.DOSSIER && event.dossier().channel().isOnline()) {
        boolean vneid = event.dossier().auth() == AuthMethod.VNEID;
        if (isAfter) {
          onlineAfter++;
          vneidAfter += vneid ? 1 : 0;
        } else {
          vneidDossiersBefore += vneid ? 1 : 0;
        }
      }
    }

    assertThat(before.logins).as("VNeID logins before the switch").isZero();
    assertThat(after.logins / 7.0)
        .as("VNeID logins a day after the switch")
        .isCloseTo(425_000 * scale, within(0.02 * 425_000 * scale));
    assertThat(vneidAfter)
        .as("online dossiers after the switch all use VNeID")
        .isEqualTo(onlineAfter);
    assertThat(vneidDossiersBefore).isPositive();
    assertThat(before.national()).isCloseTo(0.42, within(TOLERANCE));
    assertThat(after.national()).isCloseTo(0.42, within(TOLERANCE));
  }

  @Test
  void year2024HasNoLoginsBeforeJulyAnd425000ADayAfter() {
    EventGenerator generator = new EventGenerator(Scenarios.load("year-2024"), 1);
    Scenario scenario = generator.scenario();

    assertThat(scenario.loginVolumeOn(LocalDate.of(2024, 6, 30))).isZero();
    // Monday 1 July to Sunday 7 July: 5 working days and 2 weekend days
    double week = 0;
    for (LocalDate d = LocalDate.of(2024, 7, 1);
        d.isBefore(LocalDate.of(2024, 7, 8));
        d = d.plusDays(1)) {
      week += scenario.volume().vneidLoginsPerDay() * scenario.loginVolumeOn(d);
    }
    assertThat(week / 7).isCloseTo(425_000, within(0.02 * 425_000));
  }

  @Test
  void reform2025UsesTheOldCodesBeforeAndOnlyTheNewOnesFromTheFirstOfJuly() {
    AdminDivisions divisions = AdminDivisions.standard();
    LocalDate reform = AdminDivisions.PROVINCE_REFORM;
    Set<String> old = codes(divisions, reform.minusDays(1));
    Set<String> current = codes(divisions, reform);
    Set<String> onlyOld = new HashSet<>(old);
    onlyOld.removeAll(current);
    Set<String> onlyNew = new HashSet<>(current);
    onlyNew.removeAll(old);
    assertThat(old).hasSize(63);
    assertThat(current).hasSize(34);
    assertThat(onlyOld).hasSize(29);

    EventGenerator generator = new EventGenerator(Scenarios.load("reform-2025-07"), 0.03);
    Set<String> seenBefore = new HashSet<>();
    Set<String> seenAfter = new HashSet<>();
    Map<String, Long> provinceDossiersBefore = new HashMap<>();
    long provinceDossiersAfter = 0;
    long[] dossiers = new long[2]; // before, after
    EventCursor cursor = generator.cursor(0);
    while (cursor.hasNext()) {
      OutgoingEvent event = cursor.next();
      boolean after = !EventTimeDate.of(event).isBefore(reform);
      Set<String> seen = after ? seenAfter : seenBefore;
      if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
        DossierEvent dossier = event.dossier();
        dossiers[after ? 1 : 0]++;
        seen.add(dossier.citizenProvince());
        if (dossier.authority().level() == Level.PROVINCE) {
          seen.add(dossier.authority().code());
          if (after) {
            provinceDossiersAfter++;
          } else {
            provinceDossiersBefore.merge(dossier.authority().code(), 1L, Long::sum);
          }
        }
      } else {
        seen.add(event.login().province());
      }
    }

    assertThat(seenAfter)
        .as("codes after the reform")
        .isSubsetOf(current)
        .doesNotContainAnyElementsOf(onlyOld);
    // every new code is also the code of the old province hosting the new centre (SOURCES.md §2),
    // so
    // "no code that exists only after the reform" is the same as "only codes of the 63"
    assertThat(seenBefore).as("codes before the reform").isSubsetOf(old);
    if (!onlyNew.isEmpty()) {
      assertThat(seenBefore).doesNotContainAnyElementsOf(onlyNew);
    }
    assertThat(seenBefore)
        .containsAll(onlyOld); // every old unit still had traffic in the last week of June
    assertThat(seenAfter).containsAll(current);

    // the old -> new mapping covers every old code, and the provinces' share of the dossiers is the
    // same before and after (the reform changes codes, not traffic)
    Map<String, Long> mapped = new HashMap<>();
    provinceDossiersBefore.forEach(
        (code, count) -> {
          Unit unit = divisions.find(Level.PROVINCE, code, reform.minusDays(1)).orElseThrow();
          String successor = divisions.successor(unit).map(Unit::code).orElse(code);
          assertThat(current).as("successor of %s", code).contains(successor);
          mapped.merge(successor, count, Long::sum);
        });
    long before = provinceDossiersBefore.values().stream().mapToLong(Long::longValue).sum();
    assertThat(mapped.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(before);
    assertThat(mapped.keySet()).isEqualTo(current);
    assertThat((double) provinceDossiersAfter / dossiers[1])
        .isCloseTo((double) before / dossiers[0], within(0.005));
  }

  private static Set<String> codes(AdminDivisions divisions, LocalDate date) {
    return divisions.provinces(date).stream().map(Unit::code).collect(Collectors.toSet());
  }

  /** The Vietnam-time date of an event. */
  private static final class EventTimeDate {
    static LocalDate of(OutgoingEvent event) {
      return Instant.ofEpochMilli(event.eventTimeMillis())
          .atOffset(WindowKind.VIETNAM)
          .toLocalDate();
    }
  }
}
