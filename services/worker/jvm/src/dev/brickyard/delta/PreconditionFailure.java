package dev.brickyard.delta;

import java.io.IOException;

/** Recognises the store's refusal of a conditional create, however S3A wraps it. */
final class PreconditionFailure {
  private PreconditionFailure() {}

  static boolean isOne(IOException error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.apache.hadoop.fs.FileAlreadyExistsException) return true;
      String message = String.valueOf(cause.getMessage());
      if (message.contains("412") || message.contains("PreconditionFailed")) return true;
      if (cause.getCause() == cause) break;
    }
    return false;
  }
}
