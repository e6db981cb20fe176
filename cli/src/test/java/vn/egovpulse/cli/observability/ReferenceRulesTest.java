package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Level;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;

/**
 * prometheus/rules/reference.yml holds the reference data PromQL joins (province coordinates for
 * the Geomap, the end dates of the units the 2025 reforms ended): it must say what AdminDivisions
 * says, for both the 63- and the 34-province periods.
 */
class ReferenceRulesTest {
  private final Map<String, String> locations = new TreeMap<>();
  private final Map<String, Long> retiredAt = new TreeMap<>();

  ReferenceRulesTest() {
    for (JsonNode group : Repo.yaml("prometheus/rules/reference.yml").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        JsonNode labels = rule.path("labels");
        switch (rule.path("record").asText()) {
          case "egov:province_location:info" -> {
            assertThat(rule.path("expr").asText()).isEqualTo("vector(1)");
            String previous =
                locations.put(
                    labels.path("unit").asText(),
                    labels.path("lat").asText() + "," + labels.path("lon").asText());
            assertThat(previous).as("province %s twice", labels.path("unit")).isNull();
          }
          case "egov:unit_retired_at:timestamp_seconds" -> {
            String expr = rule.path("expr").asText();
            long seconds = Long.parseLong(expr.substring("vector(".length(), expr.indexOf(')')));
            retiredAt.put(
                labels.path("level").asText() + ":" + labels.path("unit").asText(), seconds);
          }
          default -> throw new AssertionError("unexpected rule " + rule);
        }
      }
    }
  }

  @Test
  void everyProvinceOfBothPeriodsHasItsCapitalsCoordinates() {
    Map<String, String> expected = new TreeMap<>();
    for (Unit unit : AdminDivisions.standard().all()) {
      if (unit.level() != Level.PROVINCE) {
        continue;
      }
      String coordinates = number(unit.lat()) + "," + number(unit.lon());
      String previous = expected.put(unit.code(), coordinates);
      // one lookup by code serves both maps only if a reused code keeps its capital
      assertThat(previous == null || previous.equals(coordinates))
          .as("province code %s has two capitals: %s and %s", unit.code(), previous, coordinates)
          .isTrue();
    }
    assertThat(expected).hasSize(63);
    assertThat(locations).isEqualTo(expected);
  }

  @Test
  void everyUnitTheReformsEndedHasItsRetirementInstant() {
    AdminDivisions divisions = AdminDivisions.standard();
    Map<String, Long> expected = new TreeMap<>();
    for (Unit unit : divisions.all()) {
      if (unit.validUntil() == null) {
        continue;
      }
      // a code that lives on in the next period (same code, next day) is not retired
      if (divisions.find(unit.level(), unit.code(), unit.validUntil().plusDays(1)).isPresent()) {
        continue;
      }
      long end =
          unit.validUntil()
              .plusDays(1)
              .atTime(LocalTime.MIDNIGHT)
              .atOffset(java.time.ZoneOffset.ofHours(7))
              .toEpochSecond();
      expected.put(unit.level() + ":" + unit.code(), end);
    }
    assertThat(expected).hasSize(29 + 7);
    assertThat(retiredAt).isEqualTo(expected);
  }

  private static String number(double value) {
    String text = Double.toString(value);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
