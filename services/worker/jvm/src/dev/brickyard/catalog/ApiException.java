package dev.brickyard.catalog;

/** An error answer of Brickyard's API, in Databricks' form: the HTTP status, error_code and message. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String errorCode;

  ApiException(int status, String errorCode, String message) {
    super(errorCode + ": " + message);
    this.status = status;
    this.errorCode = errorCode;
  }

  boolean isNotFound() {
    return status == 404;
  }

  boolean isConflict() {
    return status == 409;
  }
}
