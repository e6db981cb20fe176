package vn.egovpulse.producer.generate;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The generator's sources of numbers, all pure functions of a seed and an index: the SplitMix64
 * finaliser for per-event seeds, and Weyl sequences (additive recurrences modulo 2^64) for the
 * low-discrepancy draws that keep aggregate rates on target.
 *
 * <p>The two-dimensional sequence is Roberts' R2 ({@code frac(k / g)}, {@code frac(k / g^2)} with g
 * the plastic number): its points fill the unit square evenly, so a share decided by the second
 * coordinate comes out right within every region chosen by the first (every unit's online rate
 * lands on target, not only the total).
 */
public final class Draws {
  /** 2^64 / golden ratio: the SplitMix64 increment. */
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private static final double PLASTIC = 1.32471795724474602596;
  static final long R2_FIRST = fraction(1 / PLASTIC);
  static final long R2_SECOND = fraction(1 / (PLASTIC * PLASTIC));

  private Draws() {}

  /** SplitMix64's output function: a bijection that scatters nearby inputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit draw that depends only on (seed, stream, index): per-event randomness. */
  public static long mix(long seed, long stream, long index) {
    return mix(mix(seed * GOLDEN_GAMMA + stream) + index * GOLDEN_GAMMA);
  }

  /** The k-th point of a Weyl sequence with this offset and step, as a double in [0,1). */
  static double weyl(long offset, long step, long k) {
    return toUnit(offset + k * step);
  }

  /** The top 53 bits of a draw as a double in [0,1). */
  public static double toUnit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** The index i with cumulative[i-1] <= x < cumulative[i]; cumulative ends with 1.0. */
  static int pick(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Normalised running sums of non-negative weights; the last is exactly 1.0. */
  static double[] cumulative(double[] weights) {
    double[] sums = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      sums[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must have a positive sum");
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= sum;
    }
    sums[sums.length - 1] = 1.0;
    return sums;
  }

  private static long fraction(double value) {
    return new BigDecimal(value, MathContext.DECIMAL128)
        .multiply(new BigDecimal(2).pow(64))
        .toBigInteger()
        .longValue();
  }
}
