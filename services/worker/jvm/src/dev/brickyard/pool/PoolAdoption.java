package dev.brickyard.pool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The driver of an instance pool's pod starts before it knows its cluster. When a cluster adopts
 * the pod, the runtime writes the cluster's late settings (its id, the workspace's catalogs) to
 * the adoption file; this plugin puts them in the context's settings, which every Spark session
 * made afterwards starts from, then marks the file applied for the runtime.
 */
public final class PoolAdoption implements SparkPlugin {
  static final String FILE_SETTING = "spark.brickyard.pool.adoptionFile";
  private static final long POLL_MS = 50;

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext context, PluginContext pluginContext) {
        String file = context.conf().get(FILE_SETTING, "");
        if (!file.isEmpty()) {
          Thread watcher = new Thread(() -> await(context.conf(), Paths.get(file)), "brickyard-pool-adoption");
          watcher.setDaemon(true);
          watcher.start();
        }
        return Collections.emptyMap();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return null;
  }

  private static void await(SparkConf conf, Path file) {
    try {
      while (!Files.exists(file)) Thread.sleep(POLL_MS);
      apply(conf, file);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The runtime waits for the marker, then starts the cluster's own driver.
      System.err.println("brickyard: could not apply the pool adoption: " + e);
    }
  }

  /** Sets the file's settings in `conf`, then writes `<file>.applied`. */
  static void apply(SparkConf conf, Path file) throws IOException {
    Properties settings = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings.load(reader);
    }
    for (String key : settings.stringPropertyNames()) conf.set(key, settings.getProperty(key));
    Files.writeString(file.resolveSibling(file.getFileName() + ".applied"), "applied\n");
  }
}
