package vn.egovpulse.producer.cli;

import picocli.CommandLine;
import vn.egovpulse.producer.pace.Speed;

/**
 * {@code --speed 1440}, {@code --speed 60x}, {@code --speed max}; picocli names the flag in the
 * error.
 */
public final class SpeedConverter implements CommandLine.ITypeConverter<Speed> {
  @Override
  public Speed convert(String value) {
    try {
      return Speed.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
