package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group commit: many concurrent writes commit in fewer transactions than writes, each write's future
 * reports its own row count, and a failing write (a duplicate key) fails alone while the writes batched
 * with it are stored.
 */
abstract class GroupCommitContract extends DbContract {

  @Test
  void concurrentWritesShareTransactionsAndABadRowFailsAlone() {
    String table = "gc_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    await(db.pool().query("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))").execute());
    GroupCommit group = new GroupCommit(db, 64, 0);
    List<Future<Integer>> writes = new ArrayList<>();
    int n = 400;
    for (int i = 0; i < n; i++) {
      writes.add(group.write("INSERT INTO " + table + " (id, v) VALUES (?, ?)", Tuple.of(i, "row " + i)));
      if (i == 200) {
        // a duplicate of row 7, submitted among the others
        writes.add(group.write("INSERT INTO " + table + " (id, v) VALUES (?, ?)", Tuple.of(7, "duplicate")));
      }
    }
    // an UPDATE's row count is its own, not the batch's
    writes.add(group.write("UPDATE " + table + " SET v = ? WHERE id >= ?", Tuple.of("late", n - 3)));
    await(Future.join(writes).otherwiseEmpty());

    int failed = 0;
    for (int i = 0; i < writes.size(); i++) {
      Future<Integer> w = writes.get(i);
      if (w.failed()) {
        failed++;
        assertThat(i).as("only the duplicate fails").isEqualTo(201);
        assertThat(Sql.isConstraintViolation(w.cause())).as("%s", w.cause()).isTrue();
      } else if (i < writes.size() - 1) {
        assertThat(w.result()).isEqualTo(1);
      }
    }
    assertThat(failed).isEqualTo(1);
    assertThat(writes.get(writes.size() - 1).result()).isEqualTo(3);
    long rows = await(db.pool().query("SELECT COUNT(*) AS n FROM " + table).execute())
        .iterator().next().getLong(0);
    assertThat(rows).isEqualTo(n);
    String seven = await(db.pool().query("SELECT v FROM " + table + " WHERE id = 7").execute())
        .iterator().next().getString(0);
    assertThat(seven).isEqualTo("row 7");
    assertThat(group.waiting()).isZero();
    assertThat(group.transactions()).as("400 writes in far fewer transactions").isLessThan(n / 2);
  }

  @Test
  void writesWithinTheLingerShareOneTransaction() {
    String table = newTable();
    // issued back to back: well within the linger, so one transaction (without a linger the first would
    // start at once and the rest follow in a second one)
    GroupCommit group = new GroupCommit(db, 64, 500);
    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      writes.add(group.write("INSERT INTO " + table + " (id, v) VALUES (?, ?)", Tuple.of(i, "row " + i)));
    }
    await(Future.all(writes));
    assertThat(group.transactions()).isEqualTo(1);
    assertThat(count(table)).isEqualTo(5);
  }

  @Test
  void aFullBatchDoesNotWaitForTheLinger() {
    String table = newTable();
    // a linger far longer than the test's await allows: only a full batch can start the transaction
    GroupCommit group = new GroupCommit(db, 4, 600_000);
    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writes.add(group.write("INSERT INTO " + table + " (id, v) VALUES (?, ?)", Tuple.of(i, "row " + i)));
    }
    await(Future.all(writes));
    assertThat(group.transactions()).isEqualTo(1);
    assertThat(count(table)).isEqualTo(4);
    assertThat(group.waiting()).isZero();
  }

  @Test
  void drainCommitsALingeringBatchAtOnce() {
    String table = newTable();
    GroupCommit group = new GroupCommit(db, 64, 600_000);
    await(group.drain()); // nothing queued: done at once
    Future<Integer> write = group.write("INSERT INTO " + table + " (id, v) VALUES (?, ?)", Tuple.of(1, "row 1"));
    await(group.drain());
    assertThat(write.succeeded()).isTrue();
    assertThat(count(table)).isEqualTo(1);
    assertThat(group.waiting()).isZero();
  }

  @Test
  void oneTransactionKeepsEachTablesOrderWhileSameStatementsGoTogether() {
    String table = newTable();
    String other = newTable();
    GroupCommit group = new GroupCommit(db, 64, 500);
    String insert = "INSERT INTO " + table + " (id, v) VALUES (?, ?)";
    String insertOther = "INSERT INTO " + other + " (id, v) VALUES (?, ?)";
    List<Future<Integer>> writes = new ArrayList<>();
    writes.add(group.write(insert, Tuple.of(1, "a")));
    writes.add(group.write(insertOther, Tuple.of(1, "b")));
    writes.add(group.write(insert, Tuple.of(2, "a")));
    // queued after rows 1 and 2, before row 3: it must see the first two only
    Future<Integer> update = group.write("UPDATE " + table + " SET v = ? WHERE id >= ?", Tuple.of("u", 0));
    writes.add(group.write(insert, Tuple.of(3, "a")));
    writes.add(group.write(insertOther, Tuple.of(2, "b")));
    writes.add(group.write(insert, Tuple.of(4, "a")));
    await(Future.all(writes));
    await(update);
    assertThat(group.transactions()).isEqualTo(1);
    assertThat(update.result()).isEqualTo(2);
    assertThat(writes).allMatch(w -> w.result() == 1);
    assertThat(count(other)).isEqualTo(2);
    List<String> values = new ArrayList<>();
    await(db.pool().query("SELECT v FROM " + table + " ORDER BY id").execute()).forEach(r -> values.add(r.getString(0)));
    assertThat(values).containsExactly("u", "u", "a", "a");
  }

  @Test
  void aBatchGroupsEqualStatementsUntilAnotherStatementOnTheirTable() {
    Tuple none = Tuple.tuple();
    List<GroupCommit.Write> batch = List.of(
        new GroupCommit.Write("INSERT INTO t (a) VALUES (?)", none, null),
        new GroupCommit.Write("insert into s (a) values (?)", none, null),
        new GroupCommit.Write("INSERT INTO t (a) VALUES (?)", none, null),
        new GroupCommit.Write("INSERT INTO s (a) values (?)", none, null),
        new GroupCommit.Write("UPDATE t SET a = 1", none, null),
        new GroupCommit.Write("INSERT INTO t (a) VALUES (?)", none, null),
        new GroupCommit.Write("INSERT INTO s (a) values (?)", none, null));
    // 2 joins 0 across a write to s; 3 is another statement on s, so it cannot join 1; 5 cannot join 0 past
    // the UPDATE of t; 6 joins 3 (only t was written in between)
    assertThat(GroupCommit.groups(batch)).containsExactly(List.of(0, 2), List.of(1), List.of(3, 6), List.of(4),
        List.of(5));
    assertThat(GroupCommit.table("  insert into Turn_Signals (x) select 1")).isEqualTo("turn_signals");
    assertThat(GroupCommit.table("UPDATE conversations SET x = 1")).isEqualTo("conversations");
  }

  @Test
  void lingerMustNotBeNegative() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GroupCommit(db, 4, -1))
        .hasMessage("lingerMillis must not be negative, got -1");
  }

  private String newTable() {
    String table = "gc_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    await(db.pool().query("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))").execute());
    return table;
  }

  private long count(String table) {
    return await(db.pool().query("SELECT COUNT(*) AS n FROM " + table).execute()).iterator().next().getLong(0);
  }
}

class GroupCommitH2Test extends GroupCommitContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class GroupCommitPostgresTest extends GroupCommitContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
