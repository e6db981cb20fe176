package vn.egovpulse.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vn.egovpulse.events.Level;

/**
 * Vietnam's provinces and ministries as they stood on any date: the one date-aware lookup of the
 * project. Read from the CSV files under {@code /reference} (copied, with their sources, from the
 * project's sourced reference data; see {@code reference/SOURCES.md}).
 *
 * <p>Two reforms are modelled: Resolution 176/2025/QH15 (22 ministries and agencies become 17 from
 * 2025-03-01) and Resolution 202/2025/QH15 (63 provinces become 34 from 2025-07-01).
 */
public final class AdminDivisions {
  /** First day of the 17 ministries and agencies (Resolution 176/2025/QH15). */
  public static final LocalDate MINISTRY_REFORM = LocalDate.of(2025, 3, 1);

  /** First day of the 34 provinces (Resolution 202/2025/QH15). */
  public static final LocalDate PROVINCE_REFORM = LocalDate.of(2025, 7, 1);

  private static final AdminDivisions STANDARD = load();

  private final List<Unit> units;

  /** Units by level and code (no key text built per lookup: the gates look up every event). */
  private final Map<Level, Map<String, List<Unit>>> byLevelAndCode;

  private AdminDivisions(List<Unit> units) {
    this.units = List.copyOf(units);
    Map<Level, Map<String, List<Unit>>> index = new EnumMap<>(Level.class);
    for (Unit unit : units) {
      index
          .computeIfAbsent(unit.level(), k -> new HashMap<>())
          .computeIfAbsent(unit.code(), k -> new ArrayList<>())
          .add(unit);
    }
    index.replaceAll((level, codes) -> copyOf(codes));
    this.byLevelAndCode = Collections.unmodifiableMap(index);
  }

  /** The shipped reference data. */
  public static AdminDivisions standard() {
    return STANDARD;
  }

  /** The unit with this level and code in force on the date, if any. */
  public Optional<Unit> find(Level level, String code, LocalDate date) {
    List<Unit> candidates = candidates(level, code);
    if (candidates == null) {
      return Optional.empty();
    }
    for (Unit unit : candidates) {
      if (unit.inForceOn(date)) {
        return Optional.of(unit);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a unit with this level and code was ever in force, in any period (either province map,
   * either ministry structure): for a code people still hold on their papers after a reform.
   */
  public boolean everExisted(Level level, String code) {
    return candidates(level, code) != null;
  }

  /** Every unit of a level in force on the date, in code order. */
  public List<Unit> units(Level level, LocalDate date) {
    return units.stream()
        .filter(u -> u.level() == level && u.inForceOn(date))
        .sorted(Comparator.comparing(Unit::code))
        .toList();
  }

  public List<Unit> provinces(LocalDate date) {
    return units(Level.PROVINCE, date);
  }

  public List<Unit> ministries(LocalDate date) {
    return units(Level.MINISTRY, date);
  }

  /** Every unit of every period (both province maps, both ministry structures). */
  public List<Unit> all() {
    return units;
  }

  /** The unit that took over {@code unit} at the reform that ended it, if it ended. */
  public Optional<Unit> successor(Unit unit) {
    if (unit.validUntil() == null || unit.successorCode() == null) {
      return Optional.empty();
    }
    return find(unit.level(), unit.successorCode(), unit.validUntil().plusDays(1));
  }

  /** A name for the code: the one in force on the date, else the latest known, else the code. */
  public String name(Level level, String code, LocalDate date) {
    return find(level, code, date)
        .or(
            () ->
                Optional.ofNullable(candidates(level, code)).map(list -> list.get(list.size() - 1)))
        .map(Unit::name)
        .orElse(code);
  }

  private List<Unit> candidates(Level level, String code) {
    Map<String, List<Unit>> codes = level == null ? null : byLevelAndCode.get(level);
    return codes == null || code == null ? null : codes.get(code);
  }

  private static Map<String, List<Unit>> copyOf(Map<String, List<Unit>> codes) {
    Map<String, List<Unit>> copy = new HashMap<>();
    codes.forEach((code, list) -> copy.put(code, List.copyOf(list)));
    return Collections.unmodifiableMap(copy);
  }

  private static AdminDivisions load() {
    List<Unit> units = new ArrayList<>();
    LocalDate lastOldProvinceDay = PROVINCE_REFORM.minusDays(1);
    for (Map<String, String> row : rows("provinces_63.csv")) {
      units.add(
          province(
              row,
              "population_2019_census",
              null,
              lastOldProvinceDay,
              row.get("merged_into_code_2025")));
    }
    for (Map<String, String> row : rows("provinces_34.csv")) {
      units.add(province(row, "population_2019_census_sum", PROVINCE_REFORM, null, null));
    }
    Map<String, String> asciiByVietnamese = new LinkedHashMap<>();
    List<Map<String, String>> ministries2024 = rows("ministries_2024.csv");
    List<Map<String, String>> ministries2025 = rows("ministries_2025.csv");
    Stream.concat(ministries2024.stream(), ministries2025.stream())
        .forEach(row -> asciiByVietnamese.put(row.get("abbr_vi"), row.get("abbr_ascii")));
    for (Map<String, String> row : ministries2024) {
      units.add(
          ministry(
              row,
              null, // the 2021 structure was already in force before 2021 (see SOURCES.md)
              LocalDate.parse(row.get("active_until")),
              asciiByVietnamese.get(row.get("successor_2025_abbr_vi"))));
    }
    for (Map<String, String> row : ministries2025) {
      units.add(ministry(row, LocalDate.parse(row.get("active_from")), null, null));
    }
    return new AdminDivisions(units);
  }

  private static Unit province(
      Map<String, String> row,
      String populationColumn,
      LocalDate validFrom,
      LocalDate validUntil,
      String successorCode) {
    return new Unit(
        Level.PROVINCE,
        row.get("code"),
        row.get("name_vi"),
        row.get("name_ascii"),
        row.get("full_name_en"),
        Long.parseLong(row.get(populationColumn)),
        Double.parseDouble(row.get("capital_lat")),
        Double.parseDouble(row.get("capital_lon")),
        validFrom,
        validUntil,
        successorCode);
  }

  private static Unit ministry(
      Map<String, String> row, LocalDate validFrom, LocalDate validUntil, String successorCode) {
    return new Unit(
        Level.MINISTRY,
        row.get("abbr_ascii"),
        row.get("name_vi"),
        row.get("abbr_ascii"),
        row.get("name_en"),
        0,
        Double.NaN,
        Double.NaN,
        validFrom,
        validUntil,
        successorCode);
  }

  private static List<Map<String, String>> rows(String file) {
    return ReferenceCsv.rows(AdminDivisions.class, "/reference/" + file);
  }
}
