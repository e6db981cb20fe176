package vn.egovpulse.producer.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import vn.egovpulse.reference.AdminDivisions;
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
    try (InputStream in = MinistryWeights.class.getResourceAsStream("ministry-weights.csv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource ministry-weights.csv");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header: code,weight_2021,weight_2025,note
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", 4);
        if (!cells[1].isBlank()) {
          before.put(cells[0], Double.parseDouble(cells[1]));
        }
        if (!cells[2].isBlank()) {
          after.put(cells[0], Double.parseDouble(cells[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MinistryWeights(Map.copyOf(before), Map.copyOf(after));
  }
}
