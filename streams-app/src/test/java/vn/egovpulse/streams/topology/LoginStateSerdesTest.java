package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;

/** The login counts' state format, and the format before the reasons were a closed set. */
class LoginStateSerdesTest {
  private static final Serde<LoginCounts> SERDE = StateSerdes.loginCounts();

  @Test
  void loginCountsRoundTripWithAnySetOfReasons() {
    LoginFailureReason[] reasons = LoginFailureReason.values();
    for (int subset = 0; subset < 1 << reasons.length; subset++) {
      Map<LoginFailureReason, Long> counts = new EnumMap<>(LoginFailureReason.class);
      long failure = 0;
      for (LoginFailureReason reason : reasons) {
        if ((subset & 1 << reason.ordinal()) != 0) {
          long n = 1L << (10 * reason.ordinal()) | 3;
          counts.put(reason, n);
          failure += n;
        }
      }
      LoginCounts value = new LoginCounts(Long.MAX_VALUE / 2, failure, counts);
      byte[] bytes = write(value);
      assertThat(bytes).hasSize(1 + 8 + 8 + 1 + 8 * counts.size());
      assertThat(read(bytes)).isEqualTo(value);
    }
    assertThat(read(write(LoginCounts.ZERO))).isEqualTo(LoginCounts.ZERO);
    assertThat(write(null)).isNull();
    assertThat(read(null)).isNull();
  }

  @Test
  void theTextFormatIsReadWithNamesThatAreNoReasonAddedUpAsOther() throws IOException {
    Map<String, Long> named = new LinkedHashMap<>();
    named.put("Lỗi máy chủ", 2L);
    named.put("TIMEOUT", 5L);
    named.put("WRONG_PASSCODE", 1L);
    named.put("timeout", 4L);
    byte[] before = textFormat(90, 12, named);

    LoginCounts read = read(before);

    assertThat(read.success()).isEqualTo(90);
    assertThat(read.failure()).isEqualTo(12);
    assertThat(read.failureReasons())
        .containsExactly(
            Map.entry(LoginFailureReason.OTHER, 6L),
            Map.entry(LoginFailureReason.TIMEOUT, 5L),
            Map.entry(LoginFailureReason.WRONG_PASSCODE, 1L));
    assertThat(read(write(read))).isEqualTo(read);
    assertThat(read(textFormat(3, 0, Map.of()))).isEqualTo(new LoginCounts(3, 0, Map.of()));
  }

  @Test
  void aStateOfAnotherFormatOrCutShortIsAnError() throws IOException {
    byte[] good = write(new LoginCounts(1, 2, Map.of(LoginFailureReason.TIMEOUT, 2L)));
    byte[] otherFormat = good.clone();
    otherFormat[0] = 9;
    byte[] unknownReason = good.clone();
    unknownReason[17] = (byte) 0x80;
    byte[] textCut = textFormat(1, 1, Map.of("TIMEOUT", 1L));
    for (byte[] bad :
        new byte[][] {
          otherFormat,
          unknownReason,
          Arrays.copyOf(good, good.length - 1),
          Arrays.copyOf(good, good.length + 1),
          Arrays.copyOf(textCut, textCut.length - 3),
          new byte[0]
        }) {
      assertThatThrownBy(() -> read(bad)).isInstanceOf(SerializationException.class);
    }
  }

  /** Login counts as the serde wrote them before (format 1): reason names as UTF-8 text. */
  private static byte[] textFormat(long success, long failure, Map<String, Long> reasons)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1);
    out.writeLong(success);
    out.writeLong(failure);
    out.writeShort(reasons.size());
    for (Map.Entry<String, Long> reason : reasons.entrySet()) {
      byte[] name = reason.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeShort(name.length);
      out.write(name);
      out.writeLong(reason.getValue());
    }
    return bytes.toByteArray();
  }

  private static byte[] write(LoginCounts value) {
    return SERDE.serializer().serialize("t", value);
  }

  private static LoginCounts read(byte[] bytes) {
    return SERDE.deserializer().deserialize("t", bytes);
  }
}
