package vn.egovpulse.producer.scenario;

import java.time.LocalDate;

/**
 * A published (or planned) end-to-end online share that holds from the start of {@code date} in
 * Vietnam time; the generator interpolates linearly between consecutive targets.
 */
public record Target(LocalDate date, double national, double ministries, double provinces) {
  public Target {
    InvalidFieldException.required(date, "date");
    InvalidFieldException.share(national, "national");
    InvalidFieldException.share(ministries, "ministries");
    InvalidFieldException.share(provinces, "provinces");
  }

  public OnlineRate rate() {
    return new OnlineRate(national, ministries, provinces);
  }
}
