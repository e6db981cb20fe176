package vn.egovpulse.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import vn.egovpulse.common.UserError;

/** The one-line error of a command whose topics are not on the cluster it was pointed at. */
final class MissingTopics {
  private MissingTopics() {}

  /**
   * @param hint what to do about it, e.g. {@code has streams-app run there?}
   * @throws UserError naming every topic of {@code wanted} not among {@code existing}
   */
  static void require(
      Set<String> existing, Collection<String> wanted, String bootstrapServers, String hint) {
    List<String> absent = wanted.stream().filter(name -> !existing.contains(name)).toList();
    if (!absent.isEmpty()) {
      throw new UserError(
          "no topic " + String.join(", ", absent) + " on " + bootstrapServers + "; " + hint);
    }
  }
}
