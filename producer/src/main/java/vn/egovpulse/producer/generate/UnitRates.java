package vn.egovpulse.producer.generate;

import vn.egovpulse.producer.scenario.OnlineRate;

/**
 * Per-unit end-to-end online rates and the ministry/province volume mix that make a target come
 * out: each level's volume-weighted mean rate equals the level target, and the national rate
 * follows from the mix.
 */
final class UnitRates {
  /** ASSUMPTION: no unit is wholly online; a spread factor never pushes a unit above this. */
  static final double MAX_RATE = 0.98;

  /**
   * ASSUMPTION: both levels always carry traffic. When the national target cannot be reached by any
   * mix (it lies outside the two level targets), the mix is clamped to these bounds and the
   * national rate comes out as near as it can.
   */
  static final double MIN_SHARE = 0.05;

  static final double MAX_SHARE = 0.95;

  final OnlineRate target;

  /** The ministries' share of all dossiers. */
  final double ministryShare;

  /** [level][unit] as in {@link UnitTable}. */
  final double[][] rates = new double[2][];

  UnitRates(UnitTable table, OnlineRate target) {
    this.target = target;
    rates[0] = solveLevel(table.weights[0], table.spread[0], table.anchors[0], target.ministries());
    rates[1] = solveLevel(table.weights[1], table.spread[1], table.anchors[1], target.provinces());
    double ministries = mean(table.weights[0], rates[0]);
    double provinces = mean(table.weights[1], rates[1]);
    // national = m × ministries + (1 − m) × provinces, solved for m
    double share =
        Math.abs(ministries - provinces) < 1e-9
            ? 0.5
            : (target.national() - provinces) / (ministries - provinces);
    this.ministryShare = Math.min(MAX_SHARE, Math.max(MIN_SHARE, share));
  }

  /**
   * {@code base} on a table with per-unit factors ({@link UnitTable#withFactors}): every unit keeps
   * its rate, and the mix follows the levels' changed volumes, {@code m' = m·L₀ / (m·L₀ +
   * (1−m)·L₁)}.
   */
  UnitRates(UnitRates base, UnitTable scaled) {
    this.target = base.target;
    this.rates[0] = base.rates[0];
    this.rates[1] = base.rates[1];
    double ministries = base.ministryShare * scaled.levelFactor[0];
    double provinces = (1 - base.ministryShare) * scaled.levelFactor[1];
    this.ministryShare = ministries + provinces > 0 ? ministries / (ministries + provinces) : 0.5;
  }

  /** The volume of the dossiers relative to the plain table: {@code m·L₀ + (1−m)·L₁}. */
  double volumeFactor(UnitTable scaled) {
    return ministryShare * scaled.levelFactor[0] + (1 - ministryShare) * scaled.levelFactor[1];
  }

  /**
   * Anchored units keep their rate; the free units get {@code k × spread} (capped), with k found by
   * bisection so that the weighted mean of the level hits {@code target} (as near as the anchors
   * and the cap allow).
   */
  static double[] solveLevel(double[] weights, double[] spread, double[] anchors, double target) {
    int n = weights.length;
    double[] rates = new double[n];
    double anchored = 0;
    double freeWeight = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(anchors[i])) {
        freeWeight += weights[i];
      } else {
        rates[i] = anchors[i];
        anchored += weights[i] * anchors[i];
      }
    }
    if (freeWeight <= 0) {
      return rates;
    }
    double wanted = Math.max(0, Math.min(MAX_RATE * freeWeight, target - anchored));
    double lo = 0;
    double hi = 1;
    while (freeSum(weights, spread, anchors, hi) < wanted && hi < 1e9) {
      hi *= 2;
    }
    for (int iteration = 0; iteration < 80; iteration++) {
      double mid = (lo + hi) / 2;
      if (freeSum(weights, spread, anchors, mid) < wanted) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double k = (lo + hi) / 2;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(anchors[i])) {
        rates[i] = Math.min(MAX_RATE, k * spread[i]);
      }
    }
    return rates;
  }

  private static double freeSum(double[] weights, double[] spread, double[] anchors, double k) {
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (Double.isNaN(anchors[i])) {
        sum += weights[i] * Math.min(MAX_RATE, k * spread[i]);
      }
    }
    return sum;
  }

  static double mean(double[] weights, double[] rates) {
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * rates[i];
    }
    return sum;
  }
}
