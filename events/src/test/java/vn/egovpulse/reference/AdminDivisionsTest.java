package vn.egovpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Level;

class AdminDivisionsTest {
  private final AdminDivisions divisions = AdminDivisions.standard();

  @Test
  void beforeTheReformsThereAre63ProvincesAnd22Ministries() {
    LocalDate day = LocalDate.of(2024, 6, 25);
    assertThat(divisions.provinces(day)).hasSize(63);
    assertThat(divisions.ministries(day)).hasSize(22);
    assertThat(divisions.find(Level.MINISTRY, "BKHDT", day)).isPresent();
  }

  @Test
  void ministriesChangeOnTheFirstOfMarchAndProvincesOnTheFirstOfJuly2025() {
    assertThat(divisions.ministries(LocalDate.of(2025, 2, 28))).hasSize(22);
    assertThat(divisions.ministries(LocalDate.of(2025, 3, 1))).hasSize(17);
    assertThat(divisions.provinces(LocalDate.of(2025, 6, 30))).hasSize(63);
    assertThat(divisions.provinces(LocalDate.of(2025, 7, 1))).hasSize(34);
    assertThat(divisions.find(Level.PROVINCE, "02", LocalDate.of(2025, 7, 1)))
        .isEmpty(); // Hà Giang merged
    assertThat(divisions.find(Level.MINISTRY, "BKHDT", LocalDate.of(2025, 3, 1))).isEmpty();
  }

  @Test
  void aCodeEverExistedIfAUnitOfItsLevelHadItInAnyPeriod() {
    assertThat(divisions.everExisted(Level.PROVINCE, "02")).isTrue(); // until 2025-06-30
    assertThat(divisions.everExisted(Level.PROVINCE, "08")).isTrue(); // in both maps
    assertThat(divisions.everExisted(Level.MINISTRY, "BKHDT")).isTrue(); // until 2025-02-28
    assertThat(divisions.everExisted(Level.MINISTRY, "BCA")).isTrue();
    assertThat(divisions.everExisted(Level.PROVINCE, "99")).isFalse();
    assertThat(divisions.everExisted(Level.PROVINCE, "BCA")).isFalse(); // another level's
    assertThat(divisions.everExisted(Level.MINISTRY, "79")).isFalse();
    assertThat(divisions.everExisted(Level.PROVINCE, null)).isFalse();
    assertThat(divisions.everExisted(null, "79")).isFalse();
    for (Unit unit : divisions.all()) {
      assertThat(divisions.everExisted(unit.level(), unit.code())).as(unit.code()).isTrue();
    }
  }

  @Test
  void everyOldProvinceHasASuccessorThatConservesPopulation() {
    LocalDate before = LocalDate.of(2025, 6, 30);
    long oldPopulation = divisions.provinces(before).stream().mapToLong(Unit::population).sum();
    long newPopulation =
        divisions.provinces(LocalDate.of(2025, 7, 1)).stream().mapToLong(Unit::population).sum();
    assertThat(newPopulation).isEqualTo(oldPopulation);
    Set<String> successors =
        divisions.provinces(before).stream()
            .map(u -> divisions.successor(u).orElseThrow().code())
            .collect(Collectors.toSet());
    assertThat(successors).hasSize(34);
    assertThat(
            divisions
                .successor(divisions.find(Level.PROVINCE, "02", before).orElseThrow())
                .orElseThrow()
                .name())
        .isEqualTo("Tuyên Quang");
  }

  @Test
  void everyOldMinistryHasASuccessor() {
    LocalDate before = LocalDate.of(2025, 2, 28);
    assertThat(divisions.ministries(before))
        .allSatisfy(m -> assertThat(divisions.successor(m)).as(m.code()).isPresent());
    assertThat(
            divisions
                .successor(divisions.find(Level.MINISTRY, "BGTVT", before).orElseThrow())
                .orElseThrow()
                .code())
        .isEqualTo("BXD");
  }

  @Test
  void provincesHaveCoordinatesInsideVietnam() {
    assertThat(divisions.all().stream().filter(u -> u.level() == Level.PROVINCE))
        .allSatisfy(
            u -> {
              assertThat(u.lat()).isBetween(8.0, 23.5);
              assertThat(u.lon()).isBetween(102.0, 110.0);
              assertThat(u.population()).isPositive();
            });
  }
}
