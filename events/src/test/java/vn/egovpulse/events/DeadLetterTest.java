package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static final JsonSerde<DeadLetter> JSON = JsonSerde.of(DeadLetter.class);

  @Test
  void aSmallRecordIsKeptWholeAndReadBack() {
    byte[] raw = "{\"v\":1,\"id\":".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter =
        DeadLetter.of(
            DeadLetterReason.MALFORMED_JSON, "not JSON", "egov.dossiers", 3, 42, 1000, "79", raw);

    assertThat(Base64.getDecoder().decode(letter.payloadBase64())).isEqualTo(raw);
    assertThat(letter.payloadBytes()).isEqualTo(raw.length);
    assertThat(letter.payloadTruncated()).isFalse();
    assertThat(letter.key()).isEqualTo("79");
    assertThat(letter.keyTruncated()).isFalse();
    assertThat(letter.detail()).isEqualTo("not JSON");
    assertThat(JSON.toJson(letter))
        .contains("\"v\":2", "\"payloadBytes\":12", "\"payloadTruncated\":false");
    assertThat(JSON.fromBytes(JSON.toBytes(letter))).isEqualTo(letter);
  }

  @Test
  void aNullValueHasNoPayloadAndLengthZero() {
    DeadLetter letter =
        DeadLetter.of(DeadLetterReason.MALFORMED_JSON, "no value", "t", 0, 0, 0, null, null);

    assertThat(letter.payloadBase64()).isNull();
    assertThat(letter.payloadBytes()).isZero();
    assertThat(letter.payloadTruncated()).isFalse();
    assertThat(letter.key()).isNull();
    assertThat(JSON.fromBytes(JSON.toBytes(letter))).isEqualTo(letter);
  }

  @Test
  void theValueIsKeptWholeUpToTheBoundAndCutAboveIt() {
    byte[] atBound = bytes(DeadLetter.MAX_PAYLOAD_BYTES);
    byte[] above = bytes(DeadLetter.MAX_PAYLOAD_BYTES + 1);

    DeadLetter whole = oversized(atBound);
    DeadLetter cut = oversized(above);

    assertThat(whole.payloadTruncated()).isFalse();
    assertThat(Base64.getDecoder().decode(whole.payloadBase64())).isEqualTo(atBound);
    assertThat(cut.payloadTruncated()).isTrue();
    assertThat(cut.payloadBytes()).isEqualTo(above.length);
    assertThat(Base64.getDecoder().decode(cut.payloadBase64()))
        .isEqualTo(Arrays.copyOf(above, DeadLetter.MAX_PAYLOAD_BYTES));
  }

  @Test
  void aRecordJustUnderTheBrokerLimitMakesADeadLetterFarUnderIt() {
    byte[] raw = bytes(900 * 1024);

    DeadLetter letter = oversized(raw);
    byte[] json = JSON.toBytes(letter);

    assertThat(letter.payloadBytes()).isEqualTo(900 * 1024);
    assertThat(letter.payloadTruncated()).isTrue();
    assertThat(json.length).isLessThan(DeadLetter.MAX_JSON_BYTES);
    assertThat(JSON.toJson(letter))
        .contains("\"payloadBytes\":921600", "\"payloadTruncated\":true");
    assertThat(JSON.fromBytes(json)).isEqualTo(letter);
  }

  @Test
  void everyFieldAtItsWorstStaysUnderTheJsonBound() {
    // control characters are written as 6-byte escapes; emoji are surrogate pairs
    String detail = "\u0001".repeat(1_000_000);
    String key = "x" + "\uD83D\uDE00".repeat(500_000); // the bound falls inside a pair
    String topic = "\u0002".repeat(10_000);

    DeadLetter letter =
        DeadLetter.of(
            DeadLetterReason.PROCESSING_ERROR,
            detail,
            topic,
            Integer.MIN_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE,
            key,
            bytes(1 << 20));
    byte[] json = JSON.toBytes(letter);

    assertThat(json.length).isLessThanOrEqualTo(DeadLetter.MAX_JSON_BYTES);
    assertThat(letter.detail())
        .hasSizeLessThanOrEqualTo(DeadLetter.MAX_DETAIL_CHARS)
        .endsWith("… [1000000 chars in all]");
    assertThat(letter.keyTruncated()).isTrue();
    assertThat(letter.key()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_TEXT_CHARS);
    assertThat(Character.isHighSurrogate(letter.key().charAt(letter.key().length() - 1)))
        .as("never half of a surrogate pair")
        .isFalse();
    assertThat(letter.topic()).hasSize(DeadLetter.MAX_TEXT_CHARS);
    assertThat(JSON.fromBytes(json)).isEqualTo(letter);
  }

  private static DeadLetter oversized(byte[] raw) {
    return DeadLetter.of(
        DeadLetterReason.OVERSIZED, "too large", "egov.dossiers", 0, 7, 1000, "79", raw);
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
