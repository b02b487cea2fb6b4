package com.personaruntime.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster.* keys: defaults, a file, and the refusal of clustering on an embedded H2 database. */
class ClusterConfigTest {
  @TempDir
  Path dir;

  @Test
  void offByDefault() throws Exception {
    AppConfig.Cluster c = ConfigLoader.load(null, Map.of()).cluster();
    assertThat(c.enabled()).isFalse();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(5701);
    assertThat(c.members()).isEmpty();
    assertThat(c.failureTimeoutSeconds()).isEqualTo(10);
    assertThat(c.takeoverCheckMillis()).isEqualTo(1000);
  }

  @Test
  void theTakeoverCheckIntervalIsConfigurableAndBounded() throws Exception {
    assertThat(ConfigLoader.load(null, Map.of("CLUSTER_TAKEOVERCHECKMILLIS", "250")).cluster().takeoverCheckMillis())
        .isEqualTo(250);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CLUSTER_TAKEOVERCHECKMILLIS", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.takeoverCheckMillis");
  }

  @Test
  void aNodeOnPostgresqlReadsItsClusterSection() throws Exception {
    Path file = Files.writeString(dir.resolve("node-a.yaml"), """
        storage:
          url: jdbc:postgresql://127.0.0.1:5432/personas
        cluster:
          enabled: true
          host: 127.0.0.1
          port: 5702
          members: [127.0.0.1:5701, 127.0.0.1:5702]
          failureTimeoutSeconds: 5
        """);
    AppConfig.Cluster c = ConfigLoader.load(file, Map.of()).cluster();
    assertThat(c.enabled()).isTrue();
    assertThat(c.members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
    assertThat(c.settings().port()).isEqualTo(5702);
    assertThat(c.settings().failureTimeoutSeconds()).isEqualTo(5);
  }

  @Test
  void clusteringOnTheEmbeddedH2FileIsRefusedNamingBothKeys() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CLUSTER_ENABLED", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.enabled: a cluster needs one database every node shares")
        .hasMessageContaining("storage.url to PostgreSQL")
        .hasMessageContaining("jdbc:h2:file:./data/persona-runtime");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CLUSTER_ENABLED", "true",
        "STORAGE_URL", "jdbc:h2:mem:x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("embedded H2 database 'jdbc:h2:mem:x'");
  }

  @Test
  void membersMustBeHostAndPort() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CLUSTER_ENABLED", "true",
        "STORAGE_URL", "jdbc:postgresql://127.0.0.1/p", "CLUSTER_MEMBERS", "127.0.0.1:5701,node-b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.members: each member must be host:port, got 'node-b'");
  }
}
