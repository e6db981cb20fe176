package vn.egovpulse.producer.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import vn.egovpulse.common.Messages;

/** Reads scenarios: shipped ones by name (from {@code /scenarios/NAME.yaml}), others by path. */
public final class Scenarios {
  /** The scenarios shipped in this jar. */
  public static final List<String> SHIPPED =
      List.of(
          "working-day",
          "baseline-2023",
          "h1-2024",
          "year-2024",
          "vneid-switch-2024-07",
          "reform-2025-07",
          "admissions-2024",
          "vneid-outage",
          "sync-delays");

  public static final String DEFAULT = "working-day";

  private static final ObjectReader READER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .readerFor(Scenario.class);

  private Scenarios() {}

  /**
   * A shipped scenario by name, else a YAML file by path.
   *
   * @throws ScenarioException one line naming the file, the line and the field
   */
  public static Scenario load(String nameOrPath) {
    Path file = Path.of(nameOrPath);
    if (Files.isRegularFile(file)) {
      try {
        return parse(Files.readString(file, StandardCharsets.UTF_8), nameOrPath);
      } catch (IOException e) {
        throw new ScenarioException(
            "scenario " + nameOrPath + ": cannot read: " + e.getMessage(), e);
      }
    }
    String resource = "/scenarios/" + nameOrPath + ".yaml";
    try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScenarioException(
            "scenario "
                + nameOrPath
                + ": no such file, and not a shipped scenario (shipped: "
                + String.join(", ", SHIPPED)
                + ")");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath + ".yaml");
    } catch (IOException e) {
      throw new ScenarioException("scenario " + nameOrPath + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses YAML text.
   *
   * @param source the name used in error messages
   */
  public static Scenario parse(String yaml, String source) {
    try {
      Scenario scenario = READER.readValue(yaml);
      if (scenario == null) {
        throw new ScenarioException("scenario " + source + ": the file is empty");
      }
      return scenario;
    } catch (JsonMappingException e) {
      throw new ScenarioException(describe(e, yaml, source), e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          "scenario "
              + source
              + line(e.getLocation())
              + ": not valid YAML: "
              + Messages.firstLine(e.getOriginalMessage()),
          e);
    } catch (InvalidFieldException e) {
      // a check outside Jackson's reach (should not happen: the constructors run inside it)
      throw new ScenarioException("scenario " + source + ": " + e.getMessage(), e);
    }
  }

  private static String describe(JsonMappingException e, String yaml, String source) {
    String path = path(e);
    String problem;
    if (rootCause(e) instanceof InvalidFieldException invalid) {
      path = join(path, invalid.field());
      problem = invalid.problem();
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      path = path.isEmpty() ? unknown.getPropertyName() : path;
      problem = "is not a scenario field (known here: " + unknown.getKnownPropertyIds() + ")";
    } else if (e instanceof ValueInstantiationException) {
      problem = Messages.firstLine(rootCause(e).getMessage());
    } else {
      String message = Messages.firstLine(e.getOriginalMessage());
      if (message.startsWith("Missing required creator property '")) {
        int from = message.indexOf('\'') + 1;
        String property = message.substring(from, message.indexOf('\'', from));
        if (!path.equals(property) && !path.endsWith("." + property)) {
          path = join(path, property);
        }
        problem = "is required";
      } else if (message.startsWith("Cannot map `null` into type")) {
        problem = "is required";
      } else {
        problem = message;
      }
    }
    OptionalInt line = path.isEmpty() ? OptionalInt.empty() : YamlLines.lineOf(yaml, path);
    String where = line.isPresent() ? " line " + line.getAsInt() : line(e.getLocation());
    return "scenario " + source + where + ": " + (path.isEmpty() ? "" : path + " ") + problem;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  private static String join(String parent, String field) {
    if (parent.isEmpty()) {
      return field;
    }
    return field.startsWith("[") ? parent + field : parent + "." + field;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String line(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
  }
}
