package vn.egovpulse.streams;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Checks the Kafka settings before anything starts. Kafka Streams validates its own settings when
 * built, but the producer's and consumer's only inside the stream threads, where a wrong {@code
 * linger.ms} would become a thread that dies and is replaced forever; here it is a {@link
 * ConfigException} naming the setting, which the command shows as one line with exit code 2.
 */
final class KafkaConfigCheck {
  private KafkaConfigCheck() {}

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
}
