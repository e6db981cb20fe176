package vn.egovpulse.producer.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.Level;
import vn.egovpulse.reference.ReferenceCsv;

/**
 * A small SYNTHETIC catalogue of administrative procedures ({@code procedures.csv}): codes P0001…,
 * a level that handles each, a relative weight and whether it carries a fee. The real national
 * catalogue has thousands of procedures; these stand in for the common ones so that dossiers have a
 * plausible mix. Codes and weights are invented.
 */
final class ProcedureCatalogue {
  record Procedure(String code, boolean fee) {}

  private static final ProcedureCatalogue STANDARD = load();

  private final Procedure[] ministry;
  private final double[] ministryCumulative;
  private final Procedure[] province;
  private final double[] provinceCumulative;

  private ProcedureCatalogue(
      List<Procedure> ministry,
      List<Double> ministryWeights,
      List<Procedure> province,
      List<Double> provinceWeights) {
    this.ministry = ministry.toArray(Procedure[]::new);
    this.ministryCumulative =
        Draws.cumulative(ministryWeights.stream().mapToDouble(Double::doubleValue).toArray());
    this.province = province.toArray(Procedure[]::new);
    this.provinceCumulative =
        Draws.cumulative(provinceWeights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static ProcedureCatalogue standard() {
    return STANDARD;
  }

  /** A procedure of this level, by weight; {@code u} uniform in [0,1). */
  Procedure pick(Level level, double u) {
    return level == Level.MINISTRY
        ? ministry[Draws.pick(ministryCumulative, u)]
        : province[Draws.pick(provinceCumulative, u)];
  }

  private static ProcedureCatalogue load() {
    List<Procedure> ministry = new ArrayList<>();
    List<Double> ministryWeights = new ArrayList<>();
    List<Procedure> province = new ArrayList<>();
    List<Double> provinceWeights = new ArrayList<>();
    // columns: code,level,weight,fee,name_en
    for (Map<String, String> row : ReferenceCsv.rows(ProcedureCatalogue.class, "procedures.csv")) {
      Procedure procedure = new Procedure(row.get("code"), Boolean.parseBoolean(row.get("fee")));
      double weight = Double.parseDouble(row.get("weight"));
      if (Level.valueOf(row.get("level")) == Level.MINISTRY) {
        ministry.add(procedure);
        ministryWeights.add(weight);
      } else {
        province.add(procedure);
        provinceWeights.add(weight);
      }
    }
    return new ProcedureCatalogue(ministry, ministryWeights, province, provinceWeights);
  }
}
