package vn.egovpulse.streams;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Reads {@code --kafka-config} files and checks the Kafka settings before anything starts. Kafka
 * Streams validates its own settings when built, but the producer's and consumer's only inside the
 * stream threads, where a wrong {@code linger.ms} would become a thread that dies and is replaced
 * forever; here it is a {@link ConfigException} naming the setting, which the command shows as one
 * line with exit code 2.
 */
final class KafkaConfigCheck {
  private KafkaConfigCheck() {}

  /** The file's properties, none when {@code file} is null; an unreadable file is a user error. */
  static Map<String, String> readFile(Path file) {
    Map<String, String> settings = new TreeMap<>();
    if (file == null) {
      return settings;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "cannot read --kafka-config " + file + ": no such file", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read --kafka-config " + file + ": " + e.getMessage(), e);
    }
    properties
        .stringPropertyNames()
        .forEach(name -> settings.put(name, properties.getProperty(name).trim()));
    return settings;
  }

  /**
   * Parses the settings as Kafka Streams, its producer, its consumer and its admin client will.
   *
   * @throws ConfigException naming the first wrong setting
   */
  static void requireValid(StreamsSettings settings) {
    StreamsConfig streams = new StreamsConfig(settings.streamsProperties("127.0.0.1:0"));
    Map<String, Object> producer = new HashMap<>(streams.getProducerConfigs("check"));
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    new ProducerConfig(producer);
    Map<String, Object> consumer =
        new HashMap<>(streams.getMainConsumerConfigs(settings.applicationId(), "check", 0));
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    new ConsumerConfig(consumer);
    new AdminClientConfig(streams.getAdminConfigs("check"));
  }

  /** The {@link ConfigException} behind {@code e}, if any (Kafka wraps some of them). */
  static ConfigException configError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException config) {
        return config;
      }
    }
    return null;
  }
}
