package vn.egovpulse.events;

/**
 * The unit that handles a dossier: a ministry by its abbreviation (BCA) or a province by code (79).
 */
public record Authority(Level level, String code) {
  public Authority {
    Fields.required(level, "authority.level");
    Fields.requiredText(code, "authority.code");
  }

  public static Authority ministry(String code) {
    return new Authority(Level.MINISTRY, code);
  }

  public static Authority province(String code) {
    return new Authority(Level.PROVINCE, code);
  }
}
