package vn.egovpulse.producer.scenario;

/**
 * End-to-end online shares ("tỷ lệ hồ sơ trực tuyến toàn trình"): of all dossiers, of the
 * ministries' dossiers and of the provinces' dossiers. Each within [0,1].
 */
public record OnlineRate(double national, double ministries, double provinces) {
  public OnlineRate {
    InvalidFieldException.share(national, "national");
    InvalidFieldException.share(ministries, "ministries");
    InvalidFieldException.share(provinces, "provinces");
  }

  /** Linear interpolation: {@code t = 0} gives this, {@code t = 1} gives {@code other}. */
  public OnlineRate towards(OnlineRate other, double t) {
    return new OnlineRate(
        national + (other.national - national) * t,
        ministries + (other.ministries - ministries) * t,
        provinces + (other.provinces - provinces) * t);
  }
}
