package vn.egovpulse.producer.truth;

import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;

/**
 * Where a streaming truth ({@link TruthCounter}) hands each window's expected counts, once, when no
 * later send can change them; keyed like the aggregate topics ({@code OnlineRateUpdate.key}, {@code
 * LoginRateUpdate.key}).
 */
public interface TruthSink {
  void dossiers(WindowKind window, String key, DossierCounts counts);

  void logins(WindowKind window, String key, LoginCounts counts);
}
