/**
 * The egov-pulse event schema: every record that crosses a Kafka topic, in one package.
 *
 * <p>Input events ({@link DossierEvent}, {@link VneidLoginEvent}) are written by the producer;
 * aggregates ({@link OnlineRateUpdate}, {@link LoginRateUpdate}) by streams-app; {@link
 * ExpectedCount} is the producer's ground truth; {@link DeadLetter} is what streams-app could not
 * count. All are JSON (UTF-8) through the one {@link JsonSerde}; field {@code v} is the schema
 * version. Validation lives in the records' compact constructors so a bad field is named where it
 * is found, whichever side reads it.
 */
package vn.egovpulse.events;
