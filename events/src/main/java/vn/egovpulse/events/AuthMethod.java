package vn.egovpulse.events;

/** How the applicant logged in; from 1 July 2024 online submissions use VNeID. */
public enum AuthMethod {
  VNEID,
  PORTAL_ACCOUNT,
  NONE
}
