package kg.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j Community server with a Bolt connector on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* kg.neo4j.Launcher <port> <homeDir>
 * [pageCacheMiB]}. Auth is disabled. Prints {@code READY bolt://127.0.0.1:<port>} once the default database is
 * available and shuts down cleanly on SIGTERM.
 */
public final class Launcher {
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  /** Page cache when none is given: enough for the test and sample graphs. */
  private static final long DEFAULT_PAGE_CACHE_MIB = 256;

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: Launcher <port> <homeDir> [pageCacheMiB]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path home = Path.of(args[1]).toAbsolutePath();
    long pageCacheMiB = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_PAGE_CACHE_MIB;

    DatabaseManagementService managementService =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
            // Bolt waits 5 s (twice) for idle connections and threads on shutdown by default.
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .build();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(managementService::shutdown, "neo4j-shutdown"));

    GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(START_TIMEOUT.toMillis())) {
      System.err.println("database '" + db.databaseName() + "' did not become available");
      System.exit(1);
    }
    System.out.println("READY bolt://" + HOST + ":" + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
