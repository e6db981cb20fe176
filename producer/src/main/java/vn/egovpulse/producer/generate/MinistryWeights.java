package vn.egovpulse.producer.generate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.ReferenceCsv;
import vn.egovpulse.reference.Unit;

/**
 * How the ministries' dossiers divide among the ministries: relative weights from the resource
 * {@code ministry-weights.csv}, one column for the 2021–2025 structure (22 agencies) and one for
 * the structure from 2025-03-01 (17), keyed by ASCII abbreviation.
 *
 * <p>ASSUMPTION: no source gives per-ministry dossier volumes (only BCT's 2024 total, F11). The
 * weights rank the ministries by the everyday procedures they own (police registrations, tax,
 * driving licences...) and are the project's estimate.
 */
final class MinistryWeights {
  private static final MinistryWeights STANDARD = load();

  private final Map<String, Double> before;
  private final Map<String, Double> after;

  private MinistryWeights(Map<String, Double> before, Map<String, Double> after) {
    this.before = before;
    this.after = after;
  }

  static MinistryWeights standard() {
    return STANDARD;
  }

  /** The weight of a ministry in force on {@code date}. */
  double weight(Unit ministry, LocalDate date) {
    Map<String, Double> weights = date.isBefore(AdminDivisions.MINISTRY_REFORM) ? before : after;
    Double weight = weights.get(ministry.code());
    if (weight == null) {
      throw new IllegalStateException(
          "ministry-weights.csv has no weight for " + ministry.code() + " on " + date);
    }
    return weight;
  }

  private static MinistryWeights load() {
    Map<String, Double> before = new HashMap<>();
    Map<String, Double> after = new HashMap<>();
    // columns: code,weight_2021,weight_2025,note; a blank weight: no such ministry then
    for (Map<String, String> row :
        ReferenceCsv.rows(MinistryWeights.class, "ministry-weights.csv")) {
      String code = row.get("code");
      if (!row.get("weight_2021").isBlank()) {
        before.put(code, Double.parseDouble(row.get("weight_2021")));
      }
      if (!row.get("weight_2025").isBlank()) {
        after.put(code, Double.parseDouble(row.get("weight_2025")));
      }
    }
    return new MinistryWeights(Map.copyOf(before), Map.copyOf(after));
  }
}
