package vn.egovpulse.producer.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import vn.egovpulse.events.Authority;
import vn.egovpulse.producer.scenario.Anchor;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;

/**
 * The units in force on one date, with everything the hot path needs as arrays: their authorities
 * (one object per unit, not per event), volume weights, seeded spread factors and anchors.
 */
final class UnitTable {
  /**
   * ASSUMPTION: the spread of units' online rates around their level's target, as the standard
   * deviation of a log-normal factor. 0.5 spans roughly ×0.37 to ×2.7 at two deviations, like the
   * published provincial range (below 10% to 68.5% around a 17–18.5% mean, F03–F09).
   */
  static final double SPREAD_SIGMA = 0.5;

  private static final long SPREAD_STREAM = 0x5350524541444CL;

  final LocalDate date;
  final Authority[][] authorities = new Authority[2][];

  /** Volume weights within the level, summing to 1. */
  final double[][] weights = new double[2][];

  final double[][] cumulative = new double[2][];
  final double[][] spread = new double[2][];

  /** The anchored rate, or NaN. */
  final double[][] anchors = new double[2][];

  /** Province codes and their 2019 census population weights: citizens' home provinces. */
  final String[] provinceCodes;

  final long[] provincePopulation;

  /** Cumulative population shares of {@link #provinceCodes}: where citizens live and log in. */
  final double[] populationCumulative;

  /**
   * Per level, the volume of the level relative to the table without per-unit incidents ({@code Σ
   * weight × factor}); 1 in a plain table.
   */
  final double[] levelFactor = {1, 1};

  UnitTable(Scenario scenario, LocalDate date) {
    this.date = date;
    AdminDivisions divisions = AdminDivisions.standard();
    List<Unit> ministries = divisions.ministries(date);
    List<Unit> provinces = divisions.provinces(date);
    fill(0, ministries, scenario, unit -> MinistryWeights.standard().weight(unit, date));
    fill(1, provinces, scenario, unit -> (double) unit.population());
    provinceCodes = provinces.stream().map(Unit::code).toArray(String[]::new);
    provincePopulation = provinces.stream().mapToLong(Unit::population).toArray();
    populationCumulative = cumulative[1];
  }

  /** A copy sharing everything but the weights, which {@link #withFactors} sets. */
  private UnitTable(UnitTable base) {
    this.date = base.date;
    for (int level = 0; level < 2; level++) {
      authorities[level] = base.authorities[level];
      weights[level] = base.weights[level];
      cumulative[level] = base.cumulative[level];
      spread[level] = base.spread[level];
      anchors[level] = base.anchors[level];
    }
    this.provinceCodes = base.provinceCodes;
    this.provincePopulation = base.provincePopulation;
    this.populationCumulative = base.populationCumulative;
  }

  /**
   * This table with some units' dossier volume multiplied ({@code LEVEL:code} → factor; 0 = the
   * unit is offline). The other units keep their weights, so the level's volume changes by {@link
   * #levelFactor}; citizens' home provinces stay population-weighted.
   */
  UnitTable withFactors(java.util.Map<String, Double> factors) {
    UnitTable scaled = new UnitTable(this);
    for (int level = 0; level < 2; level++) {
      double[] raw = weights[level].clone();
      boolean changed = false;
      for (int i = 0; i < raw.length; i++) {
        Authority authority = authorities[level][i];
        Double factor = factors.get(authority.level() + ":" + authority.code());
        if (factor != null) {
          raw[i] *= factor;
          changed = true;
        }
      }
      if (!changed) {
        continue;
      }
      double sum = 0;
      for (double w : raw) {
        sum += w;
      }
      scaled.levelFactor[level] = sum;
      if (sum > 0) {
        scaled.cumulative[level] = Draws.cumulative(raw);
        double[] normalised = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
          normalised[i] = raw[i] / sum;
        }
        scaled.weights[level] = normalised;
      } // else the level carries nothing: its cumulative is never consulted (share 0)
    }
    return scaled;
  }

  private interface Weight {
    double of(Unit unit);
  }

  private void fill(int level, List<Unit> units, Scenario scenario, Weight weight) {
    int n = units.size();
    authorities[level] = new Authority[n];
    double[] raw = new double[n];
    spread[level] = new double[n];
    anchors[level] = new double[n];
    for (int i = 0; i < n; i++) {
      Unit unit = units.get(i);
      authorities[level][i] = unit.authority();
      raw[i] = weight.of(unit);
      spread[level][i] = spreadFactor(scenario.seed(), unit);
      anchors[level][i] = Double.NaN;
      for (Anchor anchor : scenario.anchors()) {
        if (anchor.level() == unit.level() && anchor.unit().equals(unit.code())) {
          anchors[level][i] = anchor.rate();
        }
      }
    }
    cumulative[level] = Draws.cumulative(raw);
    double sum = 0;
    for (double w : raw) {
      sum += w;
    }
    weights[level] = new double[n];
    for (int i = 0; i < n; i++) {
      weights[level][i] = raw[i] / sum;
    }
  }

  /**
   * A log-normal factor seeded by the unit's code, so a unit keeps its standing from day to day
   * (and across the province reform, a new code draws afresh).
   */
  private static double spreadFactor(long seed, Unit unit) {
    SplittableRandom random =
        new SplittableRandom(
            Draws.mix(seed, SPREAD_STREAM, (unit.level() + ":" + unit.code()).hashCode()));
    // Box-Muller from two uniforms: stable across JDKs, unlike nextGaussian's algorithm choice
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(SPREAD_SIGMA * z - SPREAD_SIGMA * SPREAD_SIGMA / 2);
  }
}
