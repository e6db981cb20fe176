package vn.egovpulse.events;

/** How a dossier was submitted. */
public enum Channel {
  /** "Trực tuyến toàn trình": every step online, the figure the government tracks. */
  ONLINE_END_TO_END,
  /** "Trực tuyến một phần": submitted online, some step (papers, result) in person. */
  ONLINE_PARTIAL,
  IN_PERSON;

  public boolean isOnline() {
    return this != IN_PERSON;
  }
}
