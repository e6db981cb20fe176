package vn.egovpulse.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code --kafka-config FILE}: Kafka client settings from a Java properties file, the format of
 * Kafka's own {@code client.properties} (security.protocol, sasl.jaas.config, ssl.truststore.*,
 * ...), so secrets stay out of the command line and the process list.
 */
public final class KafkaConfigFile {
  private KafkaConfigFile() {}

  /**
   * The file's properties, or none when {@code file} is null.
   *
   * @throws UserError naming the file when it cannot be read
   */
  public static Map<String, String> read(Path file) {
    Map<String, String> settings = new TreeMap<>();
    if (file == null) {
      return settings;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot read --kafka-config " + file + ": " + describe(e), e);
    }
    properties
        .stringPropertyNames()
        .forEach(name -> settings.put(name, properties.getProperty(name).trim()));
    return settings;
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
