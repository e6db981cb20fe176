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
import org.apache.kafka.streams.state.HostInfo;

/**
 * Checks the Kafka settings before anything starts. Kafka Streams validates its own settings when
 * built, but the producer's and consumer's only inside the stream threads, where a wrong {@code
 * linger.ms} would become a thread that dies and is replaced forever; here it is a {@link
 * ConfigException} naming the setting, which the command shows as one line with exit code 2. So is
 * a setting Kafka accepts but streams-app cannot run with: no stream thread, a blank application
 * id, an advertised identity no other instance can reach.
 */
final class KafkaConfigCheck {
  private KafkaConfigCheck() {}

  /**
   * Parses the settings as Kafka Streams, its producer, its consumer and its admin client will.
   *
   * @throws ConfigException naming the first wrong setting
   */
  static void requireValid(StreamsSettings settings) {
    // the identity as it will be advertised (a port stands in for the one not bound yet, a name for
    // the host name not asked yet): a malformed application.server or a wildcard fails here
    HostInfo self = AdvertisedServer.of(settings, 1, () -> "this-host");
    StreamsConfig streams = new StreamsConfig(settings.streamsProperties(self));
    int threads = streams.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
    if (threads < 1) {
      throw new ConfigException(
          StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads, "must be at least 1");
    }
    String applicationId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    if (applicationId.isBlank()) {
      throw new ConfigException(
          StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "must not be blank");
    }
    Map<String, Object> producer = new HashMap<>(streams.getProducerConfigs("check"));
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    new ProducerConfig(producer);
    Map<String, Object> consumer =
        new HashMap<>(streams.getMainConsumerConfigs(applicationId, "check", 0));
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    new ConsumerConfig(consumer);
    new AdminClientConfig(streams.getAdminConfigs("check"));
  }
}
