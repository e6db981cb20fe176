package vn.egovpulse.streams;

import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --threads} and {@code --processing-guarantee}: how a streams-app instance runs, the same
 * for {@code streams} and for the commands that start one in their own JVM ({@code local}, {@code
 * load}). Unset, they leave the lower layers (environment, files, defaults) alone.
 */
public final class StreamsOptions {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Kafka Streams threads (default: " + StreamsSettings.DEFAULT_THREADS + ").")
  Integer threads;

  @Option(
      names = "--processing-guarantee",
      paramLabel = "exactly_once_v2|at_least_once",
      converter = GuaranteeConverter.class,
      description = "Processing guarantee (default: exactly_once_v2).")
  ProcessingGuarantee processingGuarantee;

  /** The threads given, else the default. */
  public int threads() {
    return threads != null ? threads : StreamsSettings.DEFAULT_THREADS;
  }

  /** The guarantee given, else the default. */
  public ProcessingGuarantee processingGuarantee() {
    return processingGuarantee != null ? processingGuarantee : StreamsSettings.DEFAULT_GUARANTEE;
  }

  /** {@code settings} with the options given. */
  public StreamsSettings applyTo(StreamsSettings settings) {
    StreamsSettings s = settings;
    if (threads != null) {
      s = s.with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    }
    if (processingGuarantee != null) {
      s = s.with(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    }
    return s;
  }

  /** {@code exactly_once_v2} or {@code at_least_once}; picocli names the flag in the error. */
  public static final class GuaranteeConverter
      implements CommandLine.ITypeConverter<ProcessingGuarantee> {
    @Override
    public ProcessingGuarantee convert(String value) {
      try {
        return ProcessingGuarantee.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
