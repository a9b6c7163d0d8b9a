package dev.brickyard.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Delta log store whose commits are safe with any number of writers on any number of clusters:
 * a commit file is created with one S3 PUT carrying If-None-Match: *, so the store itself refuses
 * the second writer of a version (412) and Delta retries that writer on the next version. Nothing
 * is held in the driver, unlike Delta's S3SingleDriverLogStore, whose lock is per JVM.
 *
 * The path may be on a view file system (dbfs:/ is one): the commit goes to the S3A path it
 * resolves to, since only S3A knows the conditional create.
 */
public class ConditionalPutLogStore extends HadoopFileSystemLogStore {
  /** Hadoop's createFile() option for a create that fails when the file exists. */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  public ConditionalPutLogStore(Configuration initHadoopConf) {
    super(initHadoopConf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf)
      throws IOException {
    Path target = physicalPath(path, conf);
    FileSystem fs = target.getFileSystem(conf);
    if (overwrite) {
      try (FSDataOutputStream out = fs.create(target, true)) {
        writeLines(out, actions);
      }
      return;
    }
    try {
      // createFile() returns a raw builder, so build() is typed Object.
      FSDataOutputStream out =
          (FSDataOutputStream)
              fs.createFile(target).overwrite(false).must(CONDITIONAL_CREATE, true).build();
      try (out) {
        writeLines(out, actions);
      }
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      if (PreconditionFailure.isOne(e)) {
        throw new FileAlreadyExistsException(path.toString());
      }
      throw e;
    }
  }

  /** The path on the file system that stores it: a view file system's link target, or itself. */
  private static Path physicalPath(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    Path qualified = fs.makeQualified(path);
    if (!"viewfs".equals(fs.getScheme()) && !fs.getClass().getName().contains("ViewFileSystem")) {
      return qualified;
    }
    // The directory exists (Delta makes _delta_log before the first commit); the file may not.
    Path directory = fs.resolvePath(qualified.getParent());
    return new Path(directory, qualified.getName());
  }

  private static void writeLines(FSDataOutputStream out, Iterator<String> actions)
      throws IOException {
    while (actions.hasNext()) {
      out.write((actions.next() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** An S3 PUT is atomic: a commit file is there whole or not at all. */
  @Override
  public Boolean isPartialWriteVisible(Path path, Configuration conf) {
    return false;
  }
}
