package vn.egovpulse.events;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Nanoseconds per record of each JSON reader (exact-bytes {@link EventJsonReader}, databind {@link
 * JsonSerde}) and each writer (hand-written {@link EventJson} and {@link UpdateJson}, databind)
 * over a mix of events in the producer's shapes and layout (ids, 16-hex citizens, millisecond times
 * at +07:00, real unit codes, written by {@link EventJson}, the producer's writer). A plain
 * harness, not a test (surefire does not pick it up): per case one second of warm-up, then seven
 * rounds of 0.3 s; prints the median and the spread. The times are the benchmark thread's CPU time,
 * not wall time: with other builds on the machine's two cores the wall-clock figures moved tenfold
 * between runs, the CPU-time ones by tens of percent. They leave out the garbage collector's
 * threads, which do little for short-lived records.
 *
 * <p>Run (about 40 s of CPU):
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl events test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=$PWD/events/target/bench.cp
 * java -cp events/target/test-classes:events/target/classes:$(cat events/target/bench.cp) \
 *     vn.egovpulse.events.JsonPathBench
 * </pre>
 */
public final class JsonPathBench {
  private static final int RECORDS = 4096;
  private static final long WARM_UP_NANOS = 1_000_000_000L;
  private static final long ROUND_NANOS = 300_000_000L;
  private static final int ROUNDS = 7;
  private static final String[] PROVINCES = {
    "01", "79", "31", "48", "92", "22", "26", "27", "38", "40", "42", "44", "46", "51", "56", "66",
    "68", "75", "80", "82", "86", "91", "96"
  };
  private static final String[] MINISTRIES = {"BCA", "BTP", "BCT", "BYT", "BTC", "BGDDT"};

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static Object[] sink = new Object[64];

  private JsonPathBench() {}

  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(20240625);
    List<DossierEvent> dossiers = new ArrayList<>();
    List<VneidLoginEvent> logins = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      dossiers.add(dossier(random, i));
      logins.add(login(random, i));
    }
    EventJson writer = new EventJson();
    byte[][] dossierBytes = dossiers.stream().map(writer::dossier).toArray(byte[][]::new);
    byte[][] loginBytes = logins.stream().map(writer::login).toArray(byte[][]::new);
    String[] times = dossiers.stream().map(d -> d.eventTime().toString()).toArray(String[]::new);
    OnlineRateUpdate[] online = onlineUpdates(random);
    LoginRateUpdate[] loginUpdates = loginUpdates(random);
    JsonSerde<DossierEvent> dossierSerde = JsonSerde.of(DossierEvent.class);
    JsonSerde<VneidLoginEvent> loginSerde = JsonSerde.of(VneidLoginEvent.class);
    JsonSerde<OnlineRateUpdate> onlineSerde = JsonSerde.of(OnlineRateUpdate.class);
    JsonSerde<LoginRateUpdate> loginRateSerde = JsonSerde.of(LoginRateUpdate.class);

    System.out.printf("%-44s %10s %18s%n", "case", "ns/record", "rounds min-max");
    run("decode dossier: exact-bytes reader", dossierBytes, EventJsonReader::dossier);
    run("decode dossier: databind (JsonSerde)", dossierBytes, dossierSerde::fromBytes);
    run("decode login: exact-bytes reader", loginBytes, EventJsonReader::login);
    run("decode login: databind (JsonSerde)", loginBytes, loginSerde::fromBytes);
    run("event time: EventTimeText.parse", times, EventTimeText::parse);
    run("event time: OffsetDateTime.parse", times, OffsetDateTime::parse);
    run("write dossier: EventJson", dossiers.toArray(DossierEvent[]::new), writer::dossier);
    run("write dossier: databind", dossiers.toArray(DossierEvent[]::new), dossierSerde::toBytes);
    run("write login: EventJson", logins.toArray(VneidLoginEvent[]::new), writer::login);
    run("write login: databind", logins.toArray(VneidLoginEvent[]::new), loginSerde::toBytes);
    run("write online-rate update: UpdateJson", online, UpdateJson::onlineRate);
    run("write online-rate update: databind", online, onlineSerde::toBytes);
    run("write login-rate update: UpdateJson", loginUpdates, UpdateJson::loginRate);
    run("write login-rate update: databind", loginUpdates, loginRateSerde::toBytes);
    if (writer.fallbacks() != 0) {
      throw new IllegalStateException("the mix left the writer's plain path");
    }
  }

  private static <I> void run(String name, I[] inputs, Function<I, ?> op) {
    long end = CPU.getCurrentThreadCpuTime() + WARM_UP_NANOS;
    while (CPU.getCurrentThreadCpuTime() < end) {
      pass(inputs, op);
    }
    double[] rounds = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = CPU.getCurrentThreadCpuTime();
      long records = 0;
      long now;
      do {
        pass(inputs, op);
        records += inputs.length;
        now = CPU.getCurrentThreadCpuTime();
      } while (now - start < ROUND_NANOS);
      rounds[r] = (double) (now - start) / records;
    }
    Arrays.sort(rounds);
    System.out.printf(
        "%-44s %10.0f %8.0f-%-8.0f%n", name, rounds[ROUNDS / 2], rounds[0], rounds[ROUNDS - 1]);
  }

  private static <I> void pass(I[] inputs, Function<I, ?> op) {
    Object[] out = sink;
    for (int i = 0; i < inputs.length; i++) {
      Object result = op.apply(inputs[i]);
      if (result == null) {
        throw new IllegalStateException("not read: " + inputs[i]);
      }
      out[i & 63] = result;
    }
  }

  private static OffsetDateTime time(SplittableRandom random) {
    long day = Instant.parse("2024-06-24T17:00:00Z").toEpochMilli();
    return Instant.ofEpochMilli(day + random.nextLong(86_400_000L)).atOffset(WindowKind.VIETNAM);
  }

  private static DossierEvent dossier(SplittableRandom random, int k) {
    boolean ministry = random.nextDouble() < 0.3;
    Authority authority =
        ministry
            ? Authority.ministry(MINISTRIES[random.nextInt(MINISTRIES.length)])
            : Authority.province(PROVINCES[random.nextInt(PROVINCES.length)]);
    Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
    AuthMethod auth = channel.isOnline() ? AuthMethod.VNEID : AuthMethod.NONE;
    Boolean paid = random.nextBoolean() ? null : channel.isOnline();
    return new DossierEvent(
        DossierEvent.VERSION,
        "D-5bcq-" + (1_000_000 + k),
        time(random),
        authority,
        PROVINCES[random.nextInt(PROVINCES.length)],
        String.format("P%04d", 1 + random.nextInt(400)),
        channel,
        auth,
        paid);
  }

  private static VneidLoginEvent login(SplittableRandom random, int j) {
    boolean failed = random.nextDouble() < 0.08;
    LoginFailureReason[] reasons = LoginFailureReason.values();
    return new VneidLoginEvent(
        VneidLoginEvent.VERSION,
        "L-5bcq-" + (1_000_000 + j),
        time(random),
        String.format("%016x", random.nextLong()),
        PROVINCES[random.nextInt(PROVINCES.length)],
        failed ? LoginOutcome.FAILURE : LoginOutcome.SUCCESS,
        failed ? reasons[random.nextInt(reasons.length)] : null,
        1 + random.nextInt(2));
  }

  private static OnlineRateUpdate[] onlineUpdates(SplittableRandom random) {
    OnlineRateUpdate[] updates = new OnlineRateUpdate[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      OffsetDateTime start = time(random).withSecond(0).withNano(0);
      long total = 1 + random.nextInt(5000);
      long e2e = random.nextLong(total + 1);
      long partial = random.nextLong(total - e2e + 1);
      updates[i] =
          OnlineRateUpdate.of(
              Scope.PROVINCE,
              PROVINCES[i % PROVINCES.length],
              "Thành phố Hồ Chí Minh",
              WindowKind.MINUTE,
              start,
              start.plusMinutes(1),
              new DossierCounts(total, e2e, partial, random.nextLong(e2e + partial + 1)));
    }
    return updates;
  }

  private static LoginRateUpdate[] loginUpdates(SplittableRandom random) {
    LoginRateUpdate[] updates = new LoginRateUpdate[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      OffsetDateTime start = time(random).withSecond(0).withNano(0);
      Map<LoginFailureReason, Long> reasons = new EnumMap<>(LoginFailureReason.class);
      long failure = 0;
      for (LoginFailureReason reason : LoginFailureReason.values()) {
        if (random.nextBoolean()) {
          long n = 1 + random.nextInt(40);
          reasons.put(reason, n);
          failure += n;
        }
      }
      updates[i] =
          LoginRateUpdate.of(
              PROVINCES[i % PROVINCES.length],
              "Tỉnh Lâm Đồng",
              WindowKind.MINUTE,
              start,
              start.plusMinutes(1),
              new LoginCounts(1 + random.nextInt(9000), failure, reasons));
    }
    return updates;
  }
}
