package vn.egovpulse.streams.metrics;

/**
 * Every metric streams-app defines, and its labels: the one place (docs/observability.md's metrics
 * section lists them for users). Micrometer names use dots; the Prometheus registry turns them into
 * the names below, adding {@code _total} to counters and the base unit to timers and to gauges that
 * declare one.
 */
public final class MetricNames {
  /**
   * {@code egov_online_rate{level,unit,unit_name,window}}: end-to-end online share, latest window.
   */
  public static final String ONLINE_RATE = "egov.online.rate";

  /** {@code egov_dossiers_total{level,unit,channel}}. */
  public static final String DOSSIERS = "egov.dossiers";

  /** {@code egov_vneid_logins_total{province,outcome}}. */
  public static final String VNEID_LOGINS = "egov.vneid.logins";

  /**
   * {@code egov_vneid_login_failures_total{province,reason}}: failed VNeID logins by reason, a
   * {@link vn.egovpulse.events.LoginFailureReason} name (text in an event that names none of them
   * was counted as {@code OTHER}).
   */
  public static final String VNEID_LOGIN_FAILURES = "egov.vneid.login.failures";

  /** {@code egov_stream_time_seconds}: the simulated moment the pipeline has reached. */
  public static final String STREAM_TIME = "egov.stream.time";

  /**
   * {@code egov_e2e_latency_seconds}: sent-at header to the aggregate update leaving the topology.
   */
  public static final String E2E_LATENCY = "egov.e2e.latency";

  /**
   * {@code egov_dead_letters_total{reason}}: read from the gates' stores, plus what the processing
   * exception handler wrote (PROCESSING_ERROR, counted in the process: see {@link HandlerMeters}).
   */
  public static final String DEAD_LETTERS = "egov.dead.letters";

  /** {@code egov_duplicates_total{topic}}: events not counted because their id already was. */
  public static final String DUPLICATES = "egov.duplicates";

  public static final String TOPIC = "topic";

  /**
   * {@code egov_held_events{topic}}: events held, uncounted, until their unit's next event shows
   * whether its clock was skewed (at most one per unit).
   */
  public static final String HELD_EVENTS = "egov.held.events";

  /**
   * {@code egov_unwritten_records_total{topic,error}}: records the app could not serialize or write
   * (e.g. {@code RecordTooLargeException}, {@code InvalidTimestampException}) and dropped after
   * logging them; counted in the process (see {@link HandlerMeters}). {@code error} is the
   * exception's simple class name, {@code topic} one of the app's output or internal topics.
   */
  public static final String UNWRITTEN = "egov.unwritten.records";

  public static final String LEVEL = "level";
  public static final String UNIT = "unit";
  public static final String UNIT_NAME = "unit_name";
  public static final String WINDOW = "window";
  public static final String CHANNEL = "channel";
  public static final String PROVINCE = "province";
  public static final String OUTCOME = "outcome";
  public static final String REASON = "reason";
  public static final String ERROR = "error";

  public static final String SECONDS = "seconds";

  private MetricNames() {}
}
